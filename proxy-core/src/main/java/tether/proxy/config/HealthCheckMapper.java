package tether.proxy.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tether.proxy.config.HealthCheckConfig.HttpSettings;
import tether.proxy.config.HealthCheckConfig.Start;
import tether.proxy.config.HealthCheckConfig.StatusRange;
import tether.proxy.config.HealthCheckConfig.Type;

/**
 * Maps a pool's {@code health-check} object. Every key is optional, with the defaults of
 * {@link HealthCheckConfig#DEFAULT}, since pools are an open map that reference.conf cannot hold. After
 * a problem the default stands in for the bad value, so that the rest of the object is still checked.
 */
final class HealthCheckMapper {

  /** The keys that only an HTTP check reads. */
  static final Set<String> HTTP_KEYS = Set.of(
      "method", "path", "host", "statuses", "body-contains", "body-regex", "control-header", "soft-stop-on-404");

  /** Every key {@code health-check} may hold. */
  static final Set<String> KEYS = union(
      Set.of("type", "interval", "fast-interval", "jitter", "timeout", "rise", "fall", "start"), HTTP_KEYS);

  private static final String TYPE_EXPECTED = "one of http, tcp";
  private static final String START_EXPECTED = "one of down, up";
  private static final String JITTER_EXPECTED =
      "a number 0.." + HealthCheckConfig.MAX_JITTER + ", the fraction of the interval a wait may vary by";
  private static final String STATUSES_EXPECTED = "a list of statuses 100..599 or ranges such as \"300-399\"";
  private static final String STATUS_EXPECTED = "a status 100..599 or a range such as \"300-399\" (first <= last)";
  private static final Pattern STATUS = Pattern.compile("\\s*(\\d{3})\\s*(?:-\\s*(\\d{3})\\s*)?");

  private HealthCheckMapper() {}

  /** The pool's checks; the object being present turns them on. */
  static HealthCheckConfig map(Section check) {
    HealthCheckConfig defaults = HealthCheckConfig.DEFAULT;
    Type type = named(check, "type", Type.values(), Type::configName, defaults.type(), TYPE_EXPECTED);
    Duration interval = duration(check, "interval", defaults.interval());
    Duration fastInterval = duration(check, "fast-interval", defaults.fastInterval());
    double jitter = jitter(check, defaults.jitter());
    Duration timeout = duration(check, "timeout", defaults.timeout());
    if (timeout.compareTo(interval) >= 0) {
      // A check still running when the next is due would leave the server unchecked for longer than asked.
      if (check.has("timeout") || !check.has("interval")) {
        check.bad("timeout", "a duration < interval, which is " + AffinityReads.render(interval));
      } else {
        check.bad("interval", "a duration > timeout, which is " + AffinityReads.render(timeout));
      }
      timeout = interval.dividedBy(2);
    }
    int rise = integer(check, "rise", defaults.rise());
    int fall = integer(check, "fall", defaults.fall());
    Start start = named(check, "start", Start.values(), Start::configName, defaults.start(), START_EXPECTED);
    HttpSettings http = type == Type.HTTP ? http(check) : notHttp(check);
    return new HealthCheckConfig(true, type, interval, fastInterval, jitter, timeout, rise, fall, start, http);
  }

  private static HttpSettings notHttp(Section check) {
    for (String key : HTTP_KEYS) {
      if (check.has(key)) {
        check.bad(key, "only with type = http");
      }
    }
    return HttpSettings.DEFAULT;
  }

  private static HttpSettings http(Section check) {
    HttpSettings defaults = HttpSettings.DEFAULT;
    String method = text(check, "method", defaults.method(), HttpSettings.METHOD_EXPECTED,
        HttpSettings::isMethod);
    String path = text(check, "path", defaults.path(), HttpSettings.PATH_EXPECTED, HttpSettings::isPath);
    String host = text(check, "host", "", HttpSettings.HOST_EXPECTED, h -> h.isEmpty() || HttpSettings.isHost(h));
    List<StatusRange> statuses = statuses(check, defaults.statuses());
    String bodyContains = text(check, "body-contains", null, HttpSettings.BODY_CONTAINS_EXPECTED, b -> !b.isEmpty());
    String bodyRegex = text(check, "body-regex", null, HttpSettings.BODY_REGEX_EXPECTED, HealthCheckMapper::compiles);
    if (bodyContains != null && bodyRegex != null) {
      check.bad("body-regex", "either body-contains or body-regex, not both");
      bodyRegex = null;
    }
    String controlHeader = text(check, "control-header", defaults.controlHeader(),
        HttpSettings.CONTROL_HEADER_EXPECTED, ConfigMapper::isToken);
    boolean softStop = check.has("soft-stop-on-404") ? check.bool("soft-stop-on-404") : defaults.softStopOn404();
    return new HttpSettings(method, path, host.isEmpty() ? null : host, statuses, bodyContains, bodyRegex,
        controlHeader, softStop);
  }

  /** The string if {@code valid} holds; {@code fallback} when left out or after a problem. */
  private static String text(
      Section check, String name, String fallback, String expected, Predicate<String> valid) {
    if (!check.has(name)) {
      return fallback;
    }
    String text = check.optionalString(name, expected);
    if (text == null) {
      return fallback;
    }
    if (!valid.test(text)) {
      check.bad(name, expected);
      return fallback;
    }
    return text;
  }

  private static <E extends Enum<E>> E named(
      Section check, String name, E[] values, Function<E, String> configName, E fallback, String expected) {
    if (!check.has(name)) {
      return fallback;
    }
    String text = check.optionalString(name, expected);
    E value = AffinityReads.named(values, configName, text);
    if (value == null) {
      if (text != null) {
        check.bad(name, expected);
      }
      return fallback;
    }
    return value;
  }

  private static Duration duration(Section check, String name, Duration fallback) {
    if (!check.has(name)) {
      return fallback;
    }
    int before = check.problems().size();
    Duration d = check.duration(name, false);
    return check.problems().size() > before ? fallback : d;
  }

  private static int integer(Section check, String name, int fallback) {
    if (!check.has(name)) {
      return fallback;
    }
    int before = check.problems().size();
    int value = check.integer(name, 1, HealthCheckConfig.MAX_RISE_FALL);
    return check.problems().size() > before ? fallback : value;
  }

  private static double jitter(Section check, double fallback) {
    if (!check.has("jitter")) {
      return fallback;
    }
    try {
      double jitter = check.object().toConfig().getDouble(ConfigUtil.joinPath("jitter"));
      if (jitter >= 0 && jitter <= HealthCheckConfig.MAX_JITTER) {
        return jitter;
      }
    } catch (ConfigException e) {
      // Reported below, like a number out of range.
    }
    check.bad("jitter", JITTER_EXPECTED);
    return fallback;
  }

  private static List<StatusRange> statuses(Section check, List<StatusRange> fallback) {
    if (!check.has("statuses")) {
      return fallback;
    }
    ConfigList list = check.list("statuses", STATUSES_EXPECTED);
    if (list == null) {
      return fallback;
    }
    if (list.isEmpty()) {
      check.bad("statuses", STATUSES_EXPECTED + ", at least one");
      return fallback;
    }
    List<StatusRange> ranges = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      StatusRange range = status(Section.scalarString(element));
      if (range == null) {
        check.problems().bad(element, Section.element(check.key("statuses"), i), STATUS_EXPECTED);
      } else {
        ranges.add(range);
      }
    }
    return ranges.size() == list.size() ? ranges : fallback;
  }

  /** {@code "200"} or {@code "300-399"} as a range, or null. */
  private static StatusRange status(String text) {
    Matcher m = text == null ? null : STATUS.matcher(text);
    if (m == null || !m.matches()) {
      return null;
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    if (from < StatusRange.MIN || to > StatusRange.MAX || from > to) {
      return null;
    }
    return new StatusRange(from, to);
  }

  private static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
