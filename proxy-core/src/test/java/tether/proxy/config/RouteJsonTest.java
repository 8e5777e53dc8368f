package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.routing.HeaderOp;
import tether.routing.RuleSpec;

/** The rules written as JSON and read back, and each problem a request body can have, as its exact line. */
class RouteJsonTest {

  private static final String POOLS = "tether.pools {"
      + " app.servers = [ { id = a1, address = \"localhost:9001\", public-url = \"https://a1.example.com\" } ],"
      + " blue.servers = [ { id = b1, address = \"localhost:9002\" } ],"
      + " green.servers = [ { id = g1, address = \"localhost:9003\" } ] }";
  private static final String ACTIONS = "(expected: exactly one of pool, split, redirect, respond)";
  private static final String RULES_EXPECTED = "(expected: a list of rules, [] for none)";
  private static final String BODY_EXPECTED = "(expected: an object, {\"rules\": [...]})";

  @TempDir Path dir;
  private ConfigFiles files;
  private Map<String, PoolConfig> pools;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
    pools = files.load(POOLS).pools();
  }

  private List<RuleSpec> routes(String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = POOLS;
    System.arraycopy(lines, 0, all, 1, lines.length);
    return files.load(all).routes();
  }

  /** The written rules as one line of JSON text. */
  private static String json(List<RuleSpec> rules) {
    return ConfigValueFactory.fromAnyRef(RouteJson.write(rules)).render(ConfigRenderOptions.concise());
  }

  private List<String> problems(String text) {
    AtomicReference<List<String>> problems = new AtomicReference<>();
    assertThatThrownBy(() -> RouteJson.read(text, pools))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> problems.set(e.problems()));
    return problems.get();
  }

  private static String at(int line, String problem) {
    return RouteJson.ORIGIN + ":" + line + ": " + problem;
  }

  @Test
  void everyKeyAndEveryActionRoundTrips() {
    List<RuleSpec> rules = routes(
        "tether.routes = [",
        "  {",
        "    name = api",
        "    priority = -3",
        "    host = \"*.example.com\"",
        "    prefix = \"/api\"",
        "    path = \"/api/health\"",
        "    path-regex = \"^/api/v[0-9]+/\"",
        "    methods = [GET, post]",
        "    headers = [ { name = X-Canary, equals = \"1\" }, { name = User-Agent, regex = Mobile }, { name = X-A } ]",
        "    query = [ { name = debug }, { name = v, equals = \"2\" } ]",
        "    pool = app",
        "    replace-prefix = \"/v2\"",
        "    rewrite { regex = \"^/old/(.*)$\", replacement = \"/new/$1\" }",
        "    affinity = none",
        "    timeouts { response = 1500ms }",
        "    request-headers { remove = [X-Debug, Cookie], set { X-Env = prod, \"X.Dotted\" = \"a b\" },"
            + " add { X-From = tether, X-Tag = [one, two] } }",
        "    response-headers { set { Cache-Control = no-store } }",
        "  }",
        "  { name = canary, priority = 5, prefix = \"/shop\", methods = [POST], strip-prefix = true,",
        "    split = [ { pool = blue, weight = 90 }, { pool = green, weight = 0 } ], timeouts { response = 30s } }",
        "  { prefix = \"/server\", redirect { status = 307, location = \"{server}{path}{query}\", pool = app } }",
        "  { prefix = \"/moved\", redirect { location = \"https://new.example.com{path}\" } }",
        "  { host = \"status.example.com\", path = \"/healthz\",",
        "    respond { status = 503, content-type = \"text/plain; charset=utf-8\",",
        "      body = \"down \\\"for\\\" now\\n\" } }",
        "  { path = \"/empty\", respond {} }",
        "]");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> written = (List<Map<String, Object>>) RouteJson.write(rules).get("rules");
    assertThat(written.stream().flatMap(rule -> rule.keySet().stream()).collect(Collectors.toSet()))
        .isEqualTo(RouteMapper.ROUTE_KEYS);
    assertThat(RouteJson.read(json(rules), pools)).isEqualTo(rules);
  }

  @Test
  void writesOnlyTheKeysSetWithDurationsAsTheConfigTakesThem() {
    List<RuleSpec> rules = routes(
        "tether.routes = [",
        "  { prefix = \"/\", pool = app, timeouts { response = 30s } }",
        "  { prefix = \"/b\", split = [ { pool = blue, weight = 1 } ], timeouts { response = 1500ms } }",
        "  { path = \"/ok\", respond {}, request-headers { add { X-One = a, X-Two = [b, c] } } }",
        "]");

    assertThat(RouteJson.write(rules)).isEqualTo(Map.of("rules", List.of(
        Map.of("prefix", "/", "pool", "app", "timeouts", Map.of("response", "30s")),
        Map.of("prefix", "/b", "split", List.of(Map.of("pool", "blue", "weight", 1)),
            "timeouts", Map.of("response", "1500ms")),
        Map.of("path", "/ok", "respond", Map.of("status", 200),
            "request-headers", Map.of("add", Map.of("X-One", "a", "X-Two", List.of("b", "c")))))));
  }

  @Test
  void headersSetOrAddedOnOneLineComeBackByName() {
    List<RuleSpec> rules = routes(
        "tether.routes = [ { prefix = \"/\", pool = app, request-headers {",
        "  set {",
        "    X-Z = z",
        "    X-A = a",
        "  }",
        "} } ]");

    assertThat(rules.get(0).requestHeaders()).containsExactly(HeaderOp.set("X-Z", "z"), HeaderOp.set("X-A", "a"));
    assertThat(RouteJson.read(json(rules), pools).get(0).requestHeaders())
        .containsExactly(HeaderOp.set("X-A", "a"), HeaderOp.set("X-Z", "z"));
  }

  @Test
  void noRulesIsATable() {
    assertThat(RouteJson.read("{\"rules\": []}", pools)).isEmpty();
    assertThat(json(List.of())).isEqualTo("{\"rules\":[]}");
  }

  @Test
  void hoconIsReadToo() {
    assertThat(RouteJson.read("rules = [ { prefix = \"/\", pool = app } ]", pools))
        .containsExactly(RuleSpec.builder().prefix("/").forward("app").build());
  }

  @Test
  void aSyntaxErrorIsOneLineAtItsLine() {
    assertThat(problems("""
        {"rules": [
          {"prefix": "/", "pool": "app"},
          {"prefix": }
        ]}""")).containsExactly(at(3, "syntax error: Expecting a value but got wrong token: '}' (if you intended '}'"
        + " to be part of a key or string value, try enclosing the key or value in double quotes)"));
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    assertThat(problems("[{\"prefix\": \"/\", \"pool\": \"app\"}]"))
        .containsExactly("request body: [{\"pool\":\"app\",\"prefix\":\"/\"}] " + BODY_EXPECTED);
    assertThat(problems("42")).containsExactly("request body: 42 " + BODY_EXPECTED);
    assertThat(problems("null")).containsExactly("request body: null " + BODY_EXPECTED);
  }

  @Test
  void rulesMustBeThereAndBeAList() {
    assertThat(problems("{}")).containsExactly(at(1, "rules: missing " + RULES_EXPECTED));
    assertThat(problems("{\"rules\": {\"prefix\": \"/\"}}"))
        .containsExactly(at(1, "rules: {\"prefix\":\"/\"} " + RULES_EXPECTED));
    assertThat(problems("{\"rules\": null}")).containsExactly(at(1, "rules: null " + RULES_EXPECTED));
  }

  @Test
  void unknownKeysAreReportedInTheBodyItsRulesAndTheirObjectsAndLists() {
    assertThat(problems("""
        {
          "rule": [],
          "rules": [
            {
              "prefix": "/",
              "pool": "app",
              "hosts": ["a"],
              "headers": [{"name": "X", "eqals": "1"}],
              "timeouts": {"response": "1s", "connect": "1s"},
              "request-headers": {"append": {"X": "y"}, "add": {"Any-Name": "ok"}}
            }
          ]
        }""")).containsExactly(
        at(2, "rule: unknown key (expected: rules)"),
        at(7, "rules[0].hosts: unknown key (expected: one of affinity, headers, host, methods, name, path, path-regex,"
            + " pool, prefix, priority, query, redirect, replace-prefix, request-headers, respond, response-headers,"
            + " rewrite, split, strip-prefix, timeouts)"),
        at(8, "rules[0].headers[0].eqals: unknown key (expected: one of equals, name, regex)"),
        at(9, "rules[0].timeouts.connect: unknown key (expected: one of response)"),
        at(10, "rules[0].request-headers.append: unknown key (expected: one of add, remove, set)"));
  }

  @Test
  void ruleProblemsAreThoseOfTheConfigFile() {
    assertThat(problems("""
        {"rules": [
          {"prefix": "/a"},
          42,
          {"prefix": "/c", "pool": "app", "headers": [{"name": "X", "regex": "("}]},
          {"prefix": "d", "pool": "app", "timeouts": {"response": "soon"}},
          {"prefix": "/e", "pool": "app"},
          {"name": "again", "prefix": "/e", "pool": "blue"}
        ]}""")).containsExactly(
        at(2, "rules[0]: no action " + ACTIONS),
        at(3, "rules[1]: 42 (expected: an object with a prefix or path, and one of pool, split, redirect, respond)"),
        at(4, "rules[2].headers[0].regex: \"(\" (expected: a valid regular expression; Unclosed group at index 1)"),
        at(5, "rules[3].timeouts.response: \"soon\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(7, "rules[5].prefix: \"/e\" (expected: a host and prefix other than those of rules[4], which has"
            + " no other conditions and so always matches first)"));
  }

  @Test
  void rulesMayNameOnlyRunningPools() {
    assertThat(problems("""
        {"rules": [
          {"prefix": "/a", "pool": "nope"},
          {"prefix": "/b", "split": [{"pool": "blue", "weight": 1}, {"pool": "gone", "weight": 1}]},
          {"prefix": "/c", "redirect": {"location": "{server}{path}", "pool": "blue"}}
        ]}""")).containsExactly(
        at(2, "rules[0].pool: \"nope\" (expected: one of " + String.join(", ", pools.keySet()) + ")"),
        at(3, "rules[1].split[1].pool: \"gone\" (expected: one of " + String.join(", ", pools.keySet()) + ")"),
        at(4, "rules[2].redirect.pool: \"blue\" (expected: a pool whose servers all have a public-url, since the"
            + " location uses {server}; b1 has none)"));
  }

  @Test
  void theEnvironmentAndFilesAreOutOfReach() {
    assertThat(problems("{\"rules\": [{\"prefix\": ${HOME}, \"pool\": \"app\"}]}"))
        .containsExactly(at(1, "substitution: Could not resolve substitution to a value: ${HOME}"));
    assertThat(problems("include file(\"/etc/hostname\")\nrules = []"))
        .containsExactly("request body: include (expected: the rules themselves, without include)");
  }

  @Test
  void durationsAreWrittenInTheLargestExactUnit() {
    assertThat(RouteJson.duration(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(RouteJson.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(RouteJson.duration(Duration.ofNanos(1_000_001))).isEqualTo("1000001ns");
  }
}
