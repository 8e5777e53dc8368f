package tether.stickiness.appsession;

import java.time.Duration;
import java.util.List;

/**
 * Configuration of the learned session table.
 *
 * @param cookieNames     session cookies learned from Set-Cookie and looked up, in order (default JSESSIONID)
 * @param pathParameter   path parameter carrying the id (default jsessionid); null for none
 * @param queryParameters query parameters carrying the id, e.g. sid (default none)
 * @param sessionTimeout  the application's session timeout: an id unused this long is forgotten
 * @param maximumSize     most sessions remembered; beyond it the least useful are evicted
 */
public record LearnedConfig(List<String> cookieNames, String pathParameter, List<String> queryParameters,
    Duration sessionTimeout, long maximumSize) {

  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
  public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

  public LearnedConfig {
    cookieNames = Names.cookieNames(cookieNames);
    pathParameter = Names.pathParameter(pathParameter);
    queryParameters = Names.queryParameters(queryParameters);
    if (cookieNames.isEmpty()) {
      // Ids are learned from Set-Cookie only: without a cookie name nothing is ever learned.
      throw new IllegalArgumentException("cookieNames: [] (expected: at least one cookie name)");
    }
    if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("sessionTimeout: " + sessionTimeout + " (expected: > 0)");
    }
    if (maximumSize < 1) {
      throw new IllegalArgumentException("maximumSize: " + maximumSize + " (expected: >= 1)");
    }
  }

  public static LearnedConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {

    private List<String> cookieNames = List.of(Names.DEFAULT_COOKIE);
    private String pathParameter = Names.DEFAULT_PATH_PARAMETER;
    private List<String> queryParameters = List.of();
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;

    private Builder() {}

    public Builder cookieNames(List<String> value) {
      cookieNames = value;
      return this;
    }

    public Builder pathParameter(String value) {
      pathParameter = value;
      return this;
    }

    public Builder queryParameters(List<String> value) {
      queryParameters = value;
      return this;
    }

    public Builder sessionTimeout(Duration value) {
      sessionTimeout = value;
      return this;
    }

    public Builder maximumSize(long value) {
      maximumSize = value;
      return this;
    }

    public LearnedConfig build() {
      return new LearnedConfig(cookieNames, pathParameter, queryParameters, sessionTimeout, maximumSize);
    }
  }
}
