package tether.stickiness.appsession;

import java.util.List;

/**
 * Where the route-suffix strategy finds the application's session id and how the route is attached.
 *
 * @param cookieNames     session cookies, tried in order (default JSESSIONID)
 * @param separator       '.' (Tomcat, Jetty) or '!' ; the route follows the last one
 * @param pathParameter   path parameter carrying the id (default jsessionid); null for none
 * @param queryParameters query parameters carrying the id, tried in order (default none)
 */
public record RouteSuffixConfig(List<String> cookieNames, char separator, String pathParameter,
    List<String> queryParameters) {

  public static final char DEFAULT_SEPARATOR = '.';

  public RouteSuffixConfig {
    cookieNames = Names.cookieNames(cookieNames);
    pathParameter = Names.pathParameter(pathParameter);
    queryParameters = Names.queryParameters(queryParameters);
    if (separator != '.' && separator != '!') {
      throw new IllegalArgumentException("separator: " + separator + " (expected: . or !)");
    }
    Names.requireSource(cookieNames, pathParameter, queryParameters);
  }

  /** JSESSIONID cookie or ;jsessionid= path parameter, separator '.'. */
  public static RouteSuffixConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {

    private List<String> cookieNames = List.of(Names.DEFAULT_COOKIE);
    private char separator = DEFAULT_SEPARATOR;
    private String pathParameter = Names.DEFAULT_PATH_PARAMETER;
    private List<String> queryParameters = List.of();

    private Builder() {}

    public Builder cookieNames(List<String> value) {
      cookieNames = value;
      return this;
    }

    public Builder separator(char value) {
      separator = value;
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

    public RouteSuffixConfig build() {
      return new RouteSuffixConfig(cookieNames, separator, pathParameter, queryParameters);
    }
  }
}
