package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tether.proxy.config.AffinityConfig.CookieSettings;
import tether.proxy.config.AffinityConfig.Strategy;
import tether.proxy.config.AffinityConfig.Unavailable;
import tether.stickiness.appsession.LearnedConfig;
import tether.stickiness.appsession.RouteSuffixConfig;
import tether.stickiness.hash.ClientAddressConfig;
import tether.stickiness.hash.HeaderHashConfig;

/**
 * Maps a pool's {@code affinity} object. Every key is optional: defaults are those of
 * {@link AffinityConfig#NONE} and of the stickiness records, since pools are an open map that
 * reference.conf cannot hold. Values are checked by the stickiness records' own constructors, so a
 * configuration that loads is one the strategies accept.
 */
final class AffinityMapper {

  static final Set<String> AFFINITY_KEYS = Set.of(
      "strategies", "when-unavailable", "retry-after",
      "cookie", "route-suffix", "learned", "header", "client-address");

  /** The objects under {@code affinity} and the keys each may hold. */
  static final Map<String, Set<String>> SETTINGS_KEYS = Map.of(
      "cookie", CookieMapper.COOKIE_KEYS,
      "route-suffix", Set.of("cookie-names", "separator", "path-parameter", "query-parameters"),
      "learned", Set.of("cookie-names", "path-parameter", "query-parameters", "session-timeout", "max-size"),
      "header", Set.of("name", "max-value-length"),
      "client-address", Set.of("ipv4-prefix-length", "ipv6-prefix-length"));

  private static final String STRATEGY_NAMES =
      Arrays.stream(Strategy.values()).map(Strategy::configName).collect(Collectors.joining(", "));
  private static final String UNAVAILABLE_NAMES =
      Arrays.stream(Unavailable.values()).map(Unavailable::configName).collect(Collectors.joining(", "));
  private static final String SECTION = "an object";
  private static final String COOKIE_NAMES_EXPECTED = "a list of cookie names such as [JSESSIONID]";
  private static final String PARAMETER_EXPECTED = "a parameter name such as jsessionid, or \"\" for none";
  private static final String QUERY_EXPECTED = "a list of query parameter names such as [sid]";
  private static final String SEPARATOR_EXPECTED = "\".\" or \"!\"";

  private AffinityMapper() {}

  /**
   * The pool's affinity; after a problem, the default stands in for the bad value.
   *
   * @param signingKeys whether tether.keys names a primary key, which the cookie strategy needs
   */
  static AffinityConfig map(Section affinity, boolean signingKeys) {
    AffinityConfig none = AffinityConfig.NONE;
    List<Strategy> strategies = strategies(affinity, signingKeys);
    Unavailable whenUnavailable = none.whenUnavailable();
    if (affinity.has("when-unavailable")) {
      String expected = "one of " + UNAVAILABLE_NAMES;
      String text = affinity.optionalString("when-unavailable", expected);
      whenUnavailable = AffinityReads.named(Unavailable.values(), Unavailable::configName, text);
      if (whenUnavailable == null) {
        if (text != null) {
          affinity.bad("when-unavailable", expected);
        }
        whenUnavailable = none.whenUnavailable();
      }
    }
    // Sent as Retry-After, which counts whole seconds.
    Duration retryAfter = AffinityReads.seconds(affinity, "retry-after", none.retryAfter(), true,
        "a whole number of seconds > 0, such as 5s");
    Section cookie = settings(affinity, "cookie");
    Section routeSuffix = settings(affinity, "route-suffix");
    Section learned = settings(affinity, "learned");
    Section header = settings(affinity, "header");
    Section clientAddress = settings(affinity, "client-address");
    return new AffinityConfig(
        strategies,
        whenUnavailable,
        retryAfter == null ? none.retryAfter() : retryAfter,
        cookie == null ? CookieSettings.DEFAULT : CookieMapper.map(cookie),
        routeSuffix == null ? none.routeSuffix() : routeSuffix(routeSuffix),
        learned == null ? none.learned() : learned(learned),
        header == null ? none.header() : header(header),
        clientAddress == null ? none.clientAddress() : clientAddress(clientAddress));
  }

  private static List<Strategy> strategies(Section affinity, boolean signingKeys) {
    if (!affinity.has("strategies")) {
      return List.of();
    }
    String expected = "one of " + STRATEGY_NAMES;
    ConfigList list = affinity.list("strategies", "a list of strategies, each " + expected);
    if (list == null) {
      return List.of();
    }
    Problems problems = affinity.problems();
    List<Strategy> strategies = new ArrayList<>();
    Map<Strategy, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(affinity.key("strategies"), i);
      Strategy strategy = AffinityReads.named(Strategy.values(), Strategy::configName, Section.scalarString(element));
      if (strategy == null) {
        problems.bad(element, key, expected);
        continue;
      }
      Integer first = seen.putIfAbsent(strategy, i);
      if (first != null) {
        problems.bad(element, key, "each strategy once; strategies[" + first + "] has it too");
        continue;
      }
      if (strategy == Strategy.COOKIE && !signingKeys) {
        problems.add(element.origin(), affinity.key("strategies"), "cookie (expected: a signing key for the "
            + "cookie: set tether.keys.primary and tether.keys.secrets)");
      }
      strategies.add(strategy);
    }
    return strategies;
  }

  /** The object under {@code affinity}, or null when left out or not an object (reported). */
  private static Section settings(Section affinity, String name) {
    return affinity.has(name) ? affinity.child(name, SECTION) : null;
  }

  private static RouteSuffixConfig routeSuffix(Section section) {
    RouteSuffixConfig defaults = RouteSuffixConfig.defaults();
    List<String> cookieNames = AffinityReads.checked(section, "cookie-names",
        AffinityReads.names(section, "cookie-names", defaults.cookieNames(), COOKIE_NAMES_EXPECTED),
        names -> RouteSuffixConfig.builder().cookieNames(names).build(), defaults.cookieNames());
    String defaultPathParameter = AffinityReads.orEmpty(defaults.pathParameter());
    String pathParameter = AffinityReads.checked(section, "path-parameter",
        AffinityReads.text(section, "path-parameter", defaultPathParameter, PARAMETER_EXPECTED),
        name -> RouteSuffixConfig.builder().pathParameter(name).build(), defaultPathParameter);
    List<String> queryParameters = AffinityReads.checked(section, "query-parameters",
        AffinityReads.names(section, "query-parameters", defaults.queryParameters(), QUERY_EXPECTED),
        names -> RouteSuffixConfig.builder().queryParameters(names).build(), defaults.queryParameters());
    char separator = defaults.separator();
    String text = AffinityReads.text(section, "separator", String.valueOf(separator), SEPARATOR_EXPECTED);
    if (text != null && !text.equals(".") && !text.equals("!")) {
      section.bad("separator", SEPARATOR_EXPECTED);
    } else if (text != null) {
      separator = text.charAt(0);
    }
    if (cookieNames.isEmpty() && pathParameter.isEmpty() && queryParameters.isEmpty()) {
      String expected = "at least one of cookie-names, path-parameter and query-parameters, "
          + "to find the session id in";
      if (section.has("cookie-names")) {
        section.bad("cookie-names", expected);
      } else {
        section.problems().add(section.object().origin(), section.key(), "no session id source (expected: "
            + expected + ")");
      }
      return defaults;
    }
    char finalSeparator = separator;
    return AffinityReads.build(section, () -> RouteSuffixConfig.builder()
        .cookieNames(cookieNames)
        .separator(finalSeparator)
        .pathParameter(pathParameter)
        .queryParameters(queryParameters)
        .build(), defaults);
  }

  private static LearnedConfig learned(Section section) {
    LearnedConfig defaults = LearnedConfig.defaults();
    List<String> cookieNames = AffinityReads.checked(section, "cookie-names",
        AffinityReads.names(section, "cookie-names", defaults.cookieNames(), COOKIE_NAMES_EXPECTED),
        names -> LearnedConfig.builder().cookieNames(names).build(), defaults.cookieNames());
    String defaultPathParameter = AffinityReads.orEmpty(defaults.pathParameter());
    String pathParameter = AffinityReads.checked(section, "path-parameter",
        AffinityReads.text(section, "path-parameter", defaultPathParameter, PARAMETER_EXPECTED),
        name -> LearnedConfig.builder().pathParameter(name).build(), defaultPathParameter);
    List<String> queryParameters = AffinityReads.checked(section, "query-parameters",
        AffinityReads.names(section, "query-parameters", defaults.queryParameters(), QUERY_EXPECTED),
        names -> LearnedConfig.builder().queryParameters(names).build(), defaults.queryParameters());
    Duration sessionTimeout = defaults.sessionTimeout();
    if (section.has("session-timeout")) {
      Duration read = section.duration("session-timeout", false);
      sessionTimeout = read.isNegative() || read.isZero() ? defaults.sessionTimeout() : read;
    }
    int maximumSize = section.has("max-size")
        ? section.integer("max-size", 1, Integer.MAX_VALUE)
        : (int) defaults.maximumSize();
    Duration finalSessionTimeout = sessionTimeout;
    return AffinityReads.build(section, () -> LearnedConfig.builder()
        .cookieNames(cookieNames)
        .pathParameter(pathParameter)
        .queryParameters(queryParameters)
        .sessionTimeout(finalSessionTimeout)
        .maximumSize(maximumSize)
        .build(), defaults);
  }

  private static HeaderHashConfig header(Section section) {
    HeaderHashConfig defaults = HeaderHashConfig.defaults();
    String name = AffinityReads.checked(section, "name",
        AffinityReads.text(section, "name", defaults.headerName(), "an HTTP header name such as X-Session-Id"),
        HeaderHashConfig::of, defaults.headerName());
    int maxValueLength = section.has("max-value-length")
        ? section.integer("max-value-length", 1, Integer.MAX_VALUE)
        : defaults.maxValueLength();
    return AffinityReads.build(section, () -> new HeaderHashConfig(name, maxValueLength), defaults);
  }

  private static ClientAddressConfig clientAddress(Section section) {
    ClientAddressConfig defaults = ClientAddressConfig.defaults();
    int ipv4 = section.has("ipv4-prefix-length")
        ? section.integer("ipv4-prefix-length", 0, 32)
        : defaults.ipv4PrefixLength();
    int ipv6 = section.has("ipv6-prefix-length")
        ? section.integer("ipv6-prefix-length", 0, 128)
        : defaults.ipv6PrefixLength();
    return AffinityReads.build(section, () -> new ClientAddressConfig(ipv4, ipv6), defaults);
  }
}
