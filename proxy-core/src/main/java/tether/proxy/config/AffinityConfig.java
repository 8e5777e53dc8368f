package tether.proxy.config;

import java.time.Duration;
import java.util.List;
import tether.stickiness.appsession.LearnedConfig;
import tether.stickiness.appsession.RouteSuffixConfig;
import tether.stickiness.cookie.CookieAttributes;
import tether.stickiness.hash.ClientAddressConfig;
import tether.stickiness.hash.HeaderHashConfig;

/**
 * How a pool keeps each session on the server that holds it.
 *
 * @param strategies    tried in this order; the first that names a usable server wins; empty means none
 * @param whenUnavailable what to do when the pinned server cannot take the request
 * @param retryAfter    the Retry-After given with 503 under {@link Unavailable#INSIST}
 * @param cookie        settings of the signed cookie strategy
 * @param routeSuffix   settings of the route-suffix strategy
 * @param learned       settings of the learned session table
 * @param header        settings of the header-hash strategy
 * @param clientAddress settings of the client-address strategy
 */
public record AffinityConfig(
    List<Strategy> strategies,
    Unavailable whenUnavailable,
    Duration retryAfter,
    CookieSettings cookie,
    RouteSuffixConfig routeSuffix,
    LearnedConfig learned,
    HeaderHashConfig header,
    ClientAddressConfig clientAddress) {

  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  /** No affinity: every request is balanced anew. */
  public static final AffinityConfig NONE =
      new AffinityConfig(
          List.of(),
          Unavailable.REDISPATCH,
          DEFAULT_RETRY_AFTER,
          CookieSettings.DEFAULT,
          RouteSuffixConfig.defaults(),
          LearnedConfig.defaults(),
          HeaderHashConfig.of("X-Session-Id"),
          ClientAddressConfig.defaults());

  public AffinityConfig {
    strategies = List.copyOf(strategies);
  }

  public boolean enabled() {
    return !strategies.isEmpty();
  }

  /** The strategies a pool may list in {@code affinity.strategies}. */
  public enum Strategy {
    COOKIE("cookie"),
    ROUTE_SUFFIX("route-suffix"),
    LEARNED("learned"),
    HEADER("header"),
    CLIENT_ADDRESS("client-address");

    private final String configName;

    Strategy(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /** When the server a session is pinned to cannot take it: in maintenance, removed, or failed to connect. */
  public enum Unavailable {
    /** Pick another server and move the session there (the default). */
    REDISPATCH("redispatch"),
    /** Answer 503 with Retry-After, for applications that must not lose a session silently. */
    INSIST("insist");

    private final String configName;

    Unavailable(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /**
   * The signed cookie's settings; the signing keys are process-wide, in {@link KeysConfig}.
   *
   * @param name            the cookie's name
   * @param maxIdle         a session not seen for this long is expired
   * @param maxLife         a session older than this is expired however active
   * @param refreshInterval the cookie is re-issued to record activity at most this often
   * @param attributes      Path, Domain, Secure, HttpOnly, SameSite, Max-Age
   */
  public record CookieSettings(
      String name, Duration maxIdle, Duration maxLife, Duration refreshInterval, CookieAttributes attributes) {

    public static final CookieSettings DEFAULT =
        new CookieSettings(
            "TETHER", Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1), CookieAttributes.DEFAULT);
  }
}
