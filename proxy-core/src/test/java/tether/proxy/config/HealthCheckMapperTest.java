package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.proxy.config.ConfigFiles.at;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.config.HealthCheckConfig.HttpSettings;
import tether.proxy.config.HealthCheckConfig.Start;
import tether.proxy.config.HealthCheckConfig.StatusRange;
import tether.proxy.config.HealthCheckConfig.Type;

/**
 * A pool's {@code health-check} object: defaults, every key, and every problem as the operator sees it.
 * The object is read from a file through {@link Section}, as the pool mapper hands it over.
 */
class HealthCheckMapperTest {

  private static final String KEY = "tether.pools.app.health-check";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  private record Mapped(HealthCheckConfig config, List<String> problems) {}

  /** Maps a file whose lines 2.. are the body of pool app's health-check object. */
  private Mapped map(Path file) {
    Problems problems = new Problems(file.toString());
    var object = ConfigFactory.parseFile(file.toFile()).getObject(KEY);
    HealthCheckConfig config = HealthCheckMapper.map(new Section(object, KEY, problems));
    return new Mapped(config, problems.lines());
  }

  private Path healthCheck(String... body) {
    String[] lines = new String[body.length + 2];
    lines[0] = KEY + " {";
    System.arraycopy(body, 0, lines, 1, body.length);
    lines[body.length + 1] = "}";
    return files.write(lines);
  }

  @Test
  void anEmptyObjectTurnsChecksOnWithTheDefaults() {
    Mapped mapped = map(healthCheck());

    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.config()).isEqualTo(HealthCheckConfig.DEFAULT);
    assertThat(mapped.config().enabled()).isTrue();
    assertThat(mapped.config()).isEqualTo(new HealthCheckConfig(true, Type.HTTP, Duration.ofSeconds(2),
        Duration.ofMillis(500), 0.1, Duration.ofSeconds(1), 2, 3, Start.DOWN, new HttpSettings("GET", "/", null,
            List.of(new StatusRange(200, 399)), null, null, "X-Tether-Control", false)));
  }

  @Test
  void everyKeyOfAnHttpCheckIsRead() {
    Mapped mapped = map(healthCheck(
        "  type = http",
        "  interval = 5s",
        "  fast-interval = 1s",
        "  jitter = 0.25",
        "  timeout = 1500ms",
        "  rise = 4",
        "  fall = 1",
        "  start = up",
        "  method = HEAD",
        "  path = \"/status?deep=1\"",
        "  host = \"app.example.com\"",
        "  statuses = [200, \"204\", \"300-308\", 418]",
        "  body-regex = \"\\\"status\\\":\\\\s*\\\"UP\\\"\"",
        "  control-header = X-Agent",
        "  soft-stop-on-404 = true"));

    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.config()).isEqualTo(new HealthCheckConfig(true, Type.HTTP, Duration.ofSeconds(5),
        Duration.ofSeconds(1), 0.25, Duration.ofMillis(1500), 4, 1, Start.UP, new HttpSettings("HEAD",
            "/status?deep=1", "app.example.com",
            List.of(new StatusRange(200, 200), new StatusRange(204, 204), new StatusRange(300, 308),
                new StatusRange(418, 418)),
            null, "\"status\":\\s*\"UP\"", "X-Agent", true)));
  }

  @Test
  void valuesMayComeAsStringsAndRangesUnquotedAndEmptyMeansTheDefaultOrNone() {
    Mapped mapped = map(healthCheck(
        "  interval = 3000",
        "  jitter = \"0\"",
        "  rise = \"1\"",
        "  statuses = [200-299]",
        "  host = \"\"",
        "  body-contains = ok",
        "  control-header = \"\""));

    assertThat(mapped.problems()).isEmpty();
    HealthCheckConfig config = mapped.config();
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.jitter()).isZero();
    assertThat(config.rise()).isOne();
    assertThat(config.http().statuses()).containsExactly(new StatusRange(200, 299));
    assertThat(config.http().host()).isNull();
    assertThat(config.http().bodyContains()).isEqualTo("ok");
    assertThat(config.http().controlHeader()).isEmpty();
  }

  @Test
  void aTcpCheckReadsTheTimingKeys() {
    Mapped mapped = map(healthCheck("  type = tcp", "  interval = 10s", "  timeout = 3s", "  start = up"));

    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.config()).isEqualTo(new HealthCheckConfig(true, Type.TCP, Duration.ofSeconds(10),
        Duration.ofMillis(500), 0.1, Duration.ofSeconds(3), 2, 3, Start.UP, HttpSettings.DEFAULT));
  }

  @Test
  void everyBadValueIsReportedWithItsLineAndTheDefaultStandsIn() {
    Path file = healthCheck(
        "  type = udp",
        "  interval = fast",
        "  fast-interval = 0s",
        "  jitter = 0.6",
        "  timeout = -1s",
        "  rise = 0",
        "  fall = 101",
        "  start = sideways",
        "  method = get",
        "  path = health",
        "  host = \"a b\"",
        "  statuses = [200, \"300-2\", 600, abc, { code = 200 }]",
        "  body-contains = \"\"",
        "  body-regex = \"(\"",
        "  control-header = \"X Control\"",
        "  soft-stop-on-404 = maybe");
    Mapped mapped = map(file);

    String status = "(expected: a status 100..599 or a range such as \"300-399\" (first <= last))";
    assertThat(mapped.problems()).containsExactly(
        at(file, 2, KEY + ".type: \"udp\" (expected: one of http, tcp)"),
        at(file, 3, KEY + ".interval: \"fast\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 4, KEY + ".fast-interval: \"0s\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 5, KEY + ".jitter: 0.6 (expected: a number 0..0.5, the fraction of the interval a wait may vary by)"),
        at(file, 6, KEY + ".timeout: \"-1s\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 7, KEY + ".rise: 0 (expected: an integer 1..100)"),
        at(file, 8, KEY + ".fall: 101 (expected: an integer 1..100)"),
        at(file, 9, KEY + ".start: \"sideways\" (expected: one of down, up)"),
        at(file, 10, KEY + ".method: \"get\" (expected: an HTTP method in capitals, such as GET, HEAD or POST)"),
        at(file, 11, KEY + ".path: \"health\" (expected: a path starting with /, such as /health, without spaces)"),
        at(file, 12, KEY + ".host: \"a b\" (expected: a host name or host:port for the Host header, without "
            + "spaces or /, or \"\" for the server's address)"),
        at(file, 13, KEY + ".statuses[1]: \"300-2\" " + status),
        at(file, 13, KEY + ".statuses[2]: 600 " + status),
        at(file, 13, KEY + ".statuses[3]: \"abc\" " + status),
        at(file, 13, KEY + ".statuses[4]: {\"code\":200} " + status),
        at(file, 14, KEY + ".body-contains: \"\" (expected: a non-empty string)"),
        at(file, 15, KEY + ".body-regex: \"(\" (expected: a regular expression (Java syntax) to find in the body)"),
        at(file, 16, KEY + ".control-header: \"X Control\" (expected: a header name of letters, digits and "
            + "!#$%&'*+-.^_`|~, or \"\" for none)"),
        at(file, 17, KEY + ".soft-stop-on-404: \"maybe\" (expected: true or false)"));
    assertThat(mapped.config()).isEqualTo(HealthCheckConfig.DEFAULT);
  }

  @Test
  void valuesOfTheWrongShapeAreReported() {
    Path file = healthCheck(
        "  type = [http]",
        "  statuses = 200",
        "  path = { p = 1 }",
        "  jitter = lots",
        "  rise = 2.5");

    assertThat(map(file).problems()).containsExactly(
        at(file, 2, KEY + ".type: [\"http\"] (expected: one of http, tcp)"),
        at(file, 3, KEY + ".statuses: 200 (expected: a list of statuses 100..599 or ranges such as \"300-399\")"),
        at(file, 4, KEY + ".path: {\"p\":1} (expected: a path starting with /, such as /health, without spaces)"),
        at(file, 5, KEY + ".jitter: \"lots\" (expected: a number 0..0.5, the fraction of the interval a wait may "
            + "vary by)"),
        at(file, 6, KEY + ".rise: 2.5 (expected: an integer 1..100)"));
  }

  @Test
  void anEmptyStatusListIsRefused() {
    Path file = healthCheck("  statuses = []");

    assertThat(map(file).problems()).containsExactly(at(file, 2,
        KEY + ".statuses: [] (expected: a list of statuses 100..599 or ranges such as \"300-399\", at least one)"));
  }

  @Test
  void bodyContainsAndBodyRegexTogetherAreRefused() {
    Path file = healthCheck("  body-contains = ok", "  body-regex = \"o+k\"");
    Mapped mapped = map(file);

    assertThat(mapped.problems()).containsExactly(
        at(file, 3, KEY + ".body-regex: \"o+k\" (expected: either body-contains or body-regex, not both)"));
    assertThat(mapped.config().http().bodyContains()).isEqualTo("ok");
    assertThat(mapped.config().http().bodyRegex()).isNull();
  }

  @Test
  void aTimeoutNotShorterThanTheIntervalIsReportedOnTheKeyTheFileSets() {
    Path timeoutOnly = healthCheck("  timeout = 2s");
    Path intervalOnly = healthCheck("  interval = 500ms");
    Path both = healthCheck("  interval = 1s", "  timeout = 3s");

    assertThat(map(timeoutOnly).problems()).containsExactly(
        at(timeoutOnly, 2, KEY + ".timeout: \"2s\" (expected: a duration < interval, which is 2s)"));
    assertThat(map(intervalOnly).problems()).containsExactly(
        at(intervalOnly, 2, KEY + ".interval: \"500ms\" (expected: a duration > timeout, which is 1s)"));
    Mapped mapped = map(both);
    assertThat(mapped.problems()).containsExactly(
        at(both, 3, KEY + ".timeout: \"3s\" (expected: a duration < interval, which is 1s)"));
    assertThat(mapped.config().timeout()).isLessThan(mapped.config().interval());
  }

  @Test
  void httpKeysInATcpCheckAreReported() {
    Path file = healthCheck("  type = tcp", "  path = \"/health\"", "  statuses = [200]");

    assertThat(map(file).problems()).containsExactly(
        at(file, 3, KEY + ".path: \"/health\" (expected: only with type = http)"),
        at(file, 4, KEY + ".statuses: [200] (expected: only with type = http)"));
  }

  @Test
  void theReferenceDocumentsEveryKeyAndItsDefaults() throws Exception {
    // The commented pool example of reference.conf, with one level of comment taken off.
    List<String> lines = Files.readAllLines(Path.of("src/main/resources/reference.conf"));
    int start = lines.indexOf("  #     health-check {");
    int end = lines.subList(start, lines.size()).indexOf("  #     }") + start;
    assertThat(start).isPositive();
    List<String> block = lines.subList(start, end + 1).stream().map(l -> l.substring("  #     ".length())).toList();
    Path file = files.write(block.toArray(String[]::new));

    Problems problems = new Problems(file.toString());
    var object = ConfigFactory.parseFile(file.toFile()).getObject("health-check");
    assertThat(HealthCheckMapper.map(new Section(object, "health-check", problems))).isEqualTo(HealthCheckConfig.DEFAULT);
    assertThat(problems.lines()).isEmpty();
    String text = String.join("\n", block);
    assertThat(HealthCheckMapper.KEYS)
        .hasSize(16)
        .allSatisfy(key -> assertThat(text).containsPattern("(?m)^ *(# )?" + key + " = "));
  }
}
