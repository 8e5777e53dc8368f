package tether.proxy.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tether.proxy.config.AffinityConfig.CookieSettings;
import tether.stickiness.cookie.CookieAttributes;
import tether.stickiness.cookie.CookieAttributes.SameSite;

/**
 * Maps a pool's {@code affinity.cookie}. The rules mirror those of the signed cookie strategy's own
 * configuration, which is only built once the keys are at hand, so that a bad value is found by
 * {@code --check} rather than at start-up.
 */
final class CookieMapper {

  static final Set<String> COOKIE_KEYS = Set.of(
      "name", "max-idle", "max-life", "refresh-interval",
      "path", "domain", "secure", "http-only", "same-site", "max-age");

  private static final String NAME_EXPECTED = "a cookie name of letters, digits and !#$%&'*+-.^_`|~";
  private static final String DURATION_EXPECTED = "a duration >= 1s, such as 30m";
  private static final String MAX_AGE_EXPECTED =
      "a whole number of seconds > 0, such as 12h, or \"\" for a cookie that ends with the browser session";
  private static final String PATH_EXPECTED = "a path starting with /, or \"\" for no Path attribute";
  private static final String DOMAIN_EXPECTED = "a host name such as example.com, or \"\" for a host-only cookie";
  private static final String SAME_SITE_EXPECTED = "one of " + Arrays.stream(SameSite.values())
      .map(CookieMapper::configName).collect(Collectors.joining(", "));

  private CookieMapper() {}

  /** The settings; after a problem, the default stands in for the bad value. */
  static CookieSettings map(Section cookie) {
    CookieSettings defaults = CookieSettings.DEFAULT;
    String name = AffinityReads.text(cookie, "name", defaults.name(), NAME_EXPECTED);
    if (name != null && (name.isEmpty() || !ConfigMapper.isToken(name))) {
      cookie.bad("name", NAME_EXPECTED);
      name = null;
    }
    Duration maxIdle = AffinityReads.seconds(cookie, "max-idle", defaults.maxIdle(), false, DURATION_EXPECTED);
    Duration maxLife = AffinityReads.seconds(cookie, "max-life", defaults.maxLife(), false, DURATION_EXPECTED);
    Duration refresh =
        AffinityReads.seconds(cookie, "refresh-interval", defaults.refreshInterval(), false, DURATION_EXPECTED);
    if (maxIdle != null && maxLife != null && maxLife.compareTo(maxIdle) < 0) {
      order(cookie, "max-life", maxLife, ">=", "max-idle", maxIdle);
    }
    if (maxIdle != null && refresh != null && refresh.compareTo(maxIdle) >= 0) {
      // Refreshed no sooner than it goes idle, every session would expire between two requests.
      order(cookie, "refresh-interval", refresh, "<", "max-idle", maxIdle);
    }
    return new CookieSettings(
        name == null ? defaults.name() : name,
        maxIdle == null ? defaults.maxIdle() : maxIdle,
        maxLife == null ? defaults.maxLife() : maxLife,
        refresh == null ? defaults.refreshInterval() : refresh,
        attributes(cookie, defaults.attributes()));
  }

  /**
   * Reports that {@code subject} must be {@code relation} {@code other}: on the subject, unless the
   * file sets only the other (the defaults agree with each other, so at least one is set).
   */
  private static void order(
      Section cookie, String subject, Duration subjectValue, String relation, String other, Duration otherValue) {
    if (cookie.has(subject) || !cookie.has(other)) {
      cookie.bad(subject, "a duration " + relation + " " + other + ", which is " + AffinityReads.render(otherValue));
    } else {
      String inverse = relation.equals("<") ? ">" : "<=";
      cookie.bad(other, "a duration " + inverse + " " + subject + ", which is " + AffinityReads.render(subjectValue));
    }
  }

  private static CookieAttributes attributes(Section cookie, CookieAttributes defaults) {
    String defaultPath = AffinityReads.orEmpty(defaults.path());
    String path = AffinityReads.checked(cookie, "path", AffinityReads.text(cookie, "path", defaultPath, PATH_EXPECTED),
        p -> new CookieAttributes(AffinityReads.emptyAsNull(p), null, true, true, null, null), defaultPath);
    String defaultDomain = AffinityReads.orEmpty(defaults.domain());
    String domain = AffinityReads.checked(cookie, "domain",
        AffinityReads.text(cookie, "domain", defaultDomain, DOMAIN_EXPECTED),
        d -> new CookieAttributes(null, AffinityReads.emptyAsNull(d), true, true, null, null), defaultDomain);
    boolean secure = cookie.has("secure") ? cookie.bool("secure") : defaults.secure();
    boolean httpOnly = cookie.has("http-only") ? cookie.bool("http-only") : defaults.httpOnly();
    SameSite sameSite = defaults.sameSite();
    if (cookie.has("same-site")) {
      String text = cookie.optionalString("same-site", SAME_SITE_EXPECTED);
      SameSite named = AffinityReads.named(SameSite.values(), CookieMapper::configName, text);
      if (text != null && named == null) {
        cookie.bad("same-site", SAME_SITE_EXPECTED);
      }
      sameSite = AffinityReads.checked(cookie, "same-site", named,
          s -> new CookieAttributes(null, null, secure, true, s, null), defaults.sameSite());
    }
    Duration maxAge = defaults.maxAge();
    if (cookie.has("max-age")) {
      // After a problem this is null, a session cookie: as good a stand-in as any.
      maxAge = isEmptyString(cookie.object().get("max-age"))
          ? null
          : AffinityReads.seconds(cookie, "max-age", defaults.maxAge(), true, MAX_AGE_EXPECTED);
    }
    Duration finalMaxAge = maxAge;
    SameSite finalSameSite = sameSite;
    return AffinityReads.build(cookie, () -> new CookieAttributes(AffinityReads.emptyAsNull(path),
        AffinityReads.emptyAsNull(domain), secure, httpOnly, finalSameSite, finalMaxAge), defaults);
  }

  private static boolean isEmptyString(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING && ((String) value.unwrapped()).isEmpty();
  }



  private static String configName(SameSite sameSite) {
    return sameSite.attribute().toLowerCase(Locale.ROOT);
  }
}
