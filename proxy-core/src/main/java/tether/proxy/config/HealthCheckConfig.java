package tether.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a pool checks its servers on its own, between requests. A pool without {@code health-check} has
 * {@link #DISABLED}; an empty {@code health-check {}} has {@link #DEFAULT}.
 *
 * @param enabled      false: no active checks at all; the other components are then the defaults
 * @param type         what a check does: an HTTP request, or a TCP connect
 * @param interval     the wait between two checks while the server's health is settled
 * @param fastInterval the wait while it is changing: after a first failure of an up server or a first
 *                     pass of a down one, until {@code fall} or {@code rise} settles it
 * @param jitter       each wait is stretched or shrunk by up to this fraction, so that checks of many
 *                     servers, or of many proxies, do not fall in step
 * @param timeout      a check that takes longer fails; shorter than {@code interval}
 * @param rise         consecutive passes that bring a down server up
 * @param fall         consecutive failures that bring an up server down
 * @param start        the health of a server before its first check
 * @param http         what an HTTP check sends and accepts; ignored by TCP checks
 */
public record HealthCheckConfig(
    boolean enabled,
    Type type,
    Duration interval,
    Duration fastInterval,
    double jitter,
    Duration timeout,
    int rise,
    int fall,
    Start start,
    HttpSettings http) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_FAST_INTERVAL = Duration.ofMillis(500);
  public static final double DEFAULT_JITTER = 0.1;
  public static final double MAX_JITTER = 0.5;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_RISE = 2;
  public static final int DEFAULT_FALL = 3;
  public static final int MAX_RISE_FALL = 100;

  /** An empty {@code health-check {}}: HTTP GET / every 2s, 2xx and 3xx pass. */
  public static final HealthCheckConfig DEFAULT =
      new HealthCheckConfig(true, Type.HTTP, DEFAULT_INTERVAL, DEFAULT_FAST_INTERVAL, DEFAULT_JITTER,
          DEFAULT_TIMEOUT, DEFAULT_RISE, DEFAULT_FALL, Start.DOWN, HttpSettings.DEFAULT);

  /** No active checks: every server counts as up as far as checks go. */
  public static final HealthCheckConfig DISABLED =
      new HealthCheckConfig(false, Type.HTTP, DEFAULT_INTERVAL, DEFAULT_FAST_INTERVAL, DEFAULT_JITTER,
          DEFAULT_TIMEOUT, DEFAULT_RISE, DEFAULT_FALL, Start.DOWN, HttpSettings.DEFAULT);

  public HealthCheckConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(http, "http");
    positive("interval", interval);
    positive("fastInterval", fastInterval);
    positive("timeout", timeout);
    if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
      throw new IllegalArgumentException("jitter: " + jitter + " (expected: a number 0.." + MAX_JITTER + ")");
    }
    if (timeout.compareTo(interval) >= 0) {
      throw new IllegalArgumentException(
          "timeout: " + timeout + " (expected: a duration < interval, which is " + interval + ")");
    }
    range("rise", rise);
    range("fall", fall);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: a duration > 0)");
    }
  }

  private static void range(String name, int value) {
    if (value < 1 || value > MAX_RISE_FALL) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: an integer 1.." + MAX_RISE_FALL + ")");
    }
  }

  /** What a check does. */
  public enum Type {
    /** A request whose status, body and control header are judged. */
    HTTP,
    /** A connection opened and closed at once. */
    TCP;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A server's health before its first check. */
  public enum Start {
    /** Down until its first check passes; a single pass is enough then, whatever {@code rise} says. */
    DOWN,
    /** Up until {@code fall} checks fail. */
    UP;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What an HTTP check sends and which answers pass.
   *
   * @param method        the request method, in capitals
   * @param path          the request target: a path starting with /, with an optional query
   * @param host          the Host header; null sends the server's address
   * @param statuses      the statuses that pass; at least one range
   * @param bodyContains  a string the body's first 64 KiB must contain, or null
   * @param bodyRegex     a regular expression to find in the body's first 64 KiB, or null; not with bodyContains
   * @param controlHeader the response header by which a server steers itself, or "" for none
   * @param softStopOn404 a 404 passes and asks that the server be drained
   */
  public record HttpSettings(
      String method,
      String path,
      String host,
      List<StatusRange> statuses,
      String bodyContains,
      String bodyRegex,
      String controlHeader,
      boolean softStopOn404) {

    // Before DEFAULT, which the class initializer builds with it.
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]*");

    public static final String DEFAULT_CONTROL_HEADER = "X-Tether-Control";
    public static final List<StatusRange> DEFAULT_STATUSES = List.of(new StatusRange(200, 399));

    public static final HttpSettings DEFAULT =
        new HttpSettings("GET", "/", null, DEFAULT_STATUSES, null, null, DEFAULT_CONTROL_HEADER, false);

    static final String METHOD_EXPECTED = "an HTTP method in capitals, such as GET, HEAD or POST";
    static final String PATH_EXPECTED = "a path starting with /, such as /health, without spaces";
    static final String HOST_EXPECTED =
        "a host name or host:port for the Host header, without spaces or /, or \"\" for the server's address";
    static final String BODY_CONTAINS_EXPECTED = "a non-empty string";
    static final String BODY_REGEX_EXPECTED = "a regular expression (Java syntax) to find in the body";
    static final String CONTROL_HEADER_EXPECTED =
        "a header name of letters, digits and !#$%&'*+-.^_`|~, or \"\" for none";

    public HttpSettings {
      statuses = List.copyOf(statuses);
      check("method", method, isMethod(method), METHOD_EXPECTED);
      check("path", path, isPath(path), PATH_EXPECTED);
      check("host", host, host == null || isHost(host), HOST_EXPECTED);
      if (statuses.isEmpty()) {
        throw new IllegalArgumentException("statuses: [] (expected: at least one status or range)");
      }
      check("bodyContains", bodyContains, bodyContains == null || !bodyContains.isEmpty(), BODY_CONTAINS_EXPECTED);
      if (bodyRegex != null) {
        try {
          Pattern.compile(bodyRegex);
        } catch (PatternSyntaxException e) {
          check("bodyRegex", bodyRegex, false, BODY_REGEX_EXPECTED);
        }
      }
      if (bodyContains != null && bodyRegex != null) {
        throw new IllegalArgumentException(
            "bodyRegex: " + bodyRegex + " (expected: either bodyContains or bodyRegex, not both)");
      }
      check("controlHeader", controlHeader, controlHeader != null && ConfigMapper.isToken(controlHeader),
          CONTROL_HEADER_EXPECTED);
    }

    /** Whether a status passes. */
    public boolean accepts(int status) {
      return statuses.stream().anyMatch(r -> r.contains(status));
    }

    static boolean isMethod(String method) {
      return method != null && METHOD.matcher(method).matches();
    }

    static boolean isPath(String path) {
      return path != null && path.startsWith("/") && path.indexOf('#') < 0 && printable(path);
    }

    static boolean isHost(String host) {
      return !host.isEmpty() && host.indexOf('/') < 0 && printable(host);
    }

    private static boolean printable(String text) {
      return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static void check(String name, String value, boolean ok, String expected) {
      if (!ok) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
      }
    }
  }

  /** Statuses {@code from..to}, both included: one status when they are equal. */
  public record StatusRange(int from, int to) {

    public static final int MIN = 100;
    public static final int MAX = 599;

    public StatusRange {
      if (from < MIN || to > MAX || from > to) {
        throw new IllegalArgumentException(
            "statuses: " + from + "-" + to + " (expected: statuses " + MIN + ".." + MAX + ", a range's first <= its last)");
      }
    }

    public boolean contains(int status) {
      return status >= from && status <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }
}
