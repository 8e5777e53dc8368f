package tether.stickiness.cookie;

import java.time.Duration;

/**
 * Configuration of the signed affinity cookie. Build with {@link #builder(SigningKeys)}; every field
 * but the keys has a default.
 *
 * @param cookieName      the cookie's name
 * @param keys            signing keys
 * @param maxIdle         a token not re-issued for this long is EXPIRED
 * @param maxLife         a session older than this is EXPIRED, however active
 * @param refreshInterval re-issue the cookie (refresh last-seen) at most this often; below maxIdle.
 *                        Idleness is measured from the last re-issue, so a session may expire up to
 *                        this much earlier than maxIdle after its last request
 * @param clockSkew       how far in the future an issue time may be (clocks of instances differ)
 * @param attributes      attributes of the Set-Cookie
 * @param cacheControl    the directive added when Tether sets its cookie, so shared caches do not store it
 * @param maxTrackedSessions bound on the sessions whose cookie came back, held for {@code liveSessions}; new
 *                           sessions are counted without an entry until then
 * @param pool            the name of the pool whose sessions the cookie pins; a cookie issued for
 *                        another pool is not honoured (see {@link CookieCodec}). Empty for a strategy
 *                        used on its own
 */
public record SignedCookieConfig(String cookieName, SigningKeys keys, Duration maxIdle, Duration maxLife,
    Duration refreshInterval, Duration clockSkew, CookieAttributes attributes, CacheControl cacheControl,
    long maxTrackedSessions, String pool) {

  public static final String DEFAULT_COOKIE_NAME = "TETHER";
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_MAX_LIFE = Duration.ofHours(12);
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_TRACKED_SESSIONS = 1_000_000;

  /** How Tether keeps shared caches from storing a response that carries its cookie. */
  public enum CacheControl {
    /** {@code no-cache="Set-Cookie"}: the response may be cached, the cookie may not. */
    NO_CACHE_SET_COOKIE("no-cache=\"Set-Cookie\""),
    /** {@code private}: only the browser may cache the response. */
    PRIVATE("private");

    private final String directive;

    CacheControl(String directive) {
      this.directive = directive;
    }

    public String directive() {
      return directive;
    }
  }

  public SignedCookieConfig {
    if (!isToken(cookieName)) {
      throw new IllegalArgumentException("cookieName: " + cookieName + " (expected: an RFC 6265 cookie name)");
    }
    if (keys == null) {
      throw new IllegalArgumentException("keys: null (expected: signing keys)");
    }
    requirePositiveSeconds("maxIdle", maxIdle);
    requirePositiveSeconds("maxLife", maxLife);
    requirePositiveSeconds("refreshInterval", refreshInterval);
    if (maxLife.compareTo(maxIdle) < 0) {
      throw new IllegalArgumentException("maxLife: " + maxLife + " (expected: >= maxIdle " + maxIdle + ")");
    }
    if (refreshInterval.compareTo(maxIdle) >= 0) {
      throw new IllegalArgumentException("refreshInterval: " + refreshInterval + " (expected: < maxIdle "
          + maxIdle + ")");
    }
    if (clockSkew == null || clockSkew.isNegative()) {
      throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
    }
    if (attributes == null) {
      throw new IllegalArgumentException("attributes: null (expected: cookie attributes)");
    }
    if (cacheControl == null) {
      throw new IllegalArgumentException("cacheControl: null (expected: one of NO_CACHE_SET_COOKIE, PRIVATE)");
    }
    if (maxTrackedSessions < 1) {
      throw new IllegalArgumentException("maxTrackedSessions: " + maxTrackedSessions + " (expected: >= 1)");
    }
    if (pool == null) {
      throw new IllegalArgumentException("pool: null (expected: a pool's name, or empty)");
    }
  }

  public static Builder builder(SigningKeys keys) {
    return new Builder(keys);
  }

  private static void requirePositiveSeconds(String name, Duration value) {
    if (value == null || value.toSeconds() < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1 second)");
    }
  }

  /** RFC 6265 cookie-name: an RFC 7230 token. */
  static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Defaults are the DEFAULT_* constants, {@link CookieAttributes#DEFAULT}, NO_CACHE_SET_COOKIE and no pool. */
  public static final class Builder {

    private final SigningKeys keys;
    private String cookieName = DEFAULT_COOKIE_NAME;
    private Duration maxIdle = DEFAULT_MAX_IDLE;
    private Duration maxLife = DEFAULT_MAX_LIFE;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private CookieAttributes attributes = CookieAttributes.DEFAULT;
    private CacheControl cacheControl = CacheControl.NO_CACHE_SET_COOKIE;
    private long maxTrackedSessions = DEFAULT_MAX_TRACKED_SESSIONS;
    private String pool = "";

    private Builder(SigningKeys keys) {
      this.keys = keys;
    }

    public Builder cookieName(String value) {
      cookieName = value;
      return this;
    }

    public Builder maxIdle(Duration value) {
      maxIdle = value;
      return this;
    }

    public Builder maxLife(Duration value) {
      maxLife = value;
      return this;
    }

    public Builder refreshInterval(Duration value) {
      refreshInterval = value;
      return this;
    }

    public Builder clockSkew(Duration value) {
      clockSkew = value;
      return this;
    }

    public Builder attributes(CookieAttributes value) {
      attributes = value;
      return this;
    }

    public Builder cacheControl(CacheControl value) {
      cacheControl = value;
      return this;
    }

    public Builder maxTrackedSessions(long value) {
      maxTrackedSessions = value;
      return this;
    }

    public Builder pool(String value) {
      pool = value;
      return this;
    }

    public SignedCookieConfig build() {
      return new SignedCookieConfig(cookieName, keys, maxIdle, maxLife, refreshInterval, clockSkew, attributes,
          cacheControl, maxTrackedSessions, pool);
    }
  }
}
