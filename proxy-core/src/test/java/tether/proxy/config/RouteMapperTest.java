package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.routing.Action;
import tether.routing.HeaderMatch;
import tether.routing.HeaderOp;
import tether.routing.QueryMatch;
import tether.routing.RuleSpec;

/** Each key of a route, mapped into its {@link RuleSpec} field. */
class RouteMapperTest {

  private static final String POOLS = "tether.pools {"
      + " app.servers = [ { id = a1, address = \"localhost:9001\", public-url = \"https://a1.example.com\" } ],"
      + " blue.servers = [ { id = b1, address = \"localhost:9002\" } ],"
      + " green.servers = [ { id = g1, address = \"localhost:9003\" } ] }";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  private List<RuleSpec> routes(String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = POOLS;
    System.arraycopy(lines, 0, all, 1, lines.length);
    return files.load(all).routes();
  }

  @Test
  void everyKeyMapsIntoItsField() {
    List<RuleSpec> routes = routes(
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
        "    timeouts { response = 5s }",
        "  }",
        "]");

    assertThat(routes).containsExactly(RuleSpec.builder()
        .name("api")
        .priority(-3)
        .host("*.example.com")
        .prefix("/api")
        .path("/api/health")
        .pathRegex("^/api/v[0-9]+/")
        .methods("GET", "post")
        .header(HeaderMatch.equalTo("X-Canary", "1"))
        .header(HeaderMatch.matching("User-Agent", "Mobile"))
        .header(HeaderMatch.present("X-A"))
        .query(QueryMatch.present("debug"))
        .query(QueryMatch.equalTo("v", "2"))
        .forward("app")
        .replacePrefix("/v2")
        .rewrite("^/old/(.*)$", "/new/$1")
        .affinity("none")
        .timeout("response", Duration.ofSeconds(5))
        .build());
  }

  @Test
  void keysLeftOutLeaveTheirFieldsEmpty() {
    RuleSpec rule = routes("tether.routes = [ { prefix = \"/\", pool = app } ]").get(0);

    assertThat(rule).isEqualTo(new RuleSpec(null, null, null, "/", null, null, null, null, null,
        new Action.Forward("app"), false, null, null, null, null, null, null));
  }

  @Test
  void anExactPathNeedsNoPrefix() {
    RuleSpec rule = routes("tether.routes = [ { path = \"/healthz\", pool = app } ]").get(0);

    assertThat(rule.path()).isEqualTo("/healthz");
    assertThat(rule.prefix()).isNull();
  }

  @Test
  void stripPrefixMapsWhenTrue() {
    List<RuleSpec> routes = routes(
        "tether.routes = [",
        "  { prefix = \"/a\", pool = app, strip-prefix = true }",
        "  { prefix = \"/b\", pool = app, strip-prefix = false }",
        "]");

    assertThat(routes).extracting(RuleSpec::stripPrefix).containsExactly(true, false);
  }

  @Test
  void headerEditsAreRemoveThenSetThenAddEachInTheOrderWritten() {
    List<RuleSpec> routes = routes(
        "tether.routes = [ {",
        "  prefix = \"/\", pool = app",
        "  request-headers {",
        "    add {",
        "      X-Tag = [one, two]",
        "      X-From = tether",
        "    }",
        "    set {",
        "      X-Z = z",
        "      X-Env = prod",
        "    }",
        "    remove = [X-Debug, Cookie]",
        "  }",
        "  response-headers { remove = [Server], set { Cache-Control = no-store } }",
        "} ]");

    assertThat(routes.get(0).requestHeaders()).containsExactly(
        HeaderOp.remove("X-Debug"), HeaderOp.remove("Cookie"),
        HeaderOp.set("X-Z", "z"), HeaderOp.set("X-Env", "prod"),
        HeaderOp.add("X-Tag", "one"), HeaderOp.add("X-Tag", "two"), HeaderOp.add("X-From", "tether"));
    assertThat(routes.get(0).responseHeaders()).containsExactly(
        HeaderOp.remove("Server"), HeaderOp.set("Cache-Control", "no-store"));
  }

  @Test
  void eachActionMaps() {
    List<RuleSpec> routes = routes(
        "tether.routes = [",
        "  { prefix = \"/forward\", pool = app }",
        "  { prefix = \"/split\", split = [ { pool = blue, weight = 90 }, { pool = green, weight = 10 } ] }",
        "  { prefix = \"/server\", redirect { status = 307, location = \"{server}{path}{query}\", pool = app } }",
        "  { prefix = \"/moved\", redirect { status = 301, location = \"https://new.example.com{path}\" } }",
        "  { prefix = \"/ok\", respond { status = 503, content-type = \"text/plain\", body = \"down\" } }",
        "]");

    assertThat(routes).extracting(RuleSpec::action).containsExactly(
        new Action.Forward("app"),
        new Action.Split(List.of(new Action.Share("blue", 90), new Action.Share("green", 10))),
        new Action.Redirect(307, "{server}{path}{query}", "app"),
        new Action.Redirect(301, "https://new.example.com{path}", null),
        new Action.Respond(503, "text/plain", "down"));
  }

  @Test
  void redirectAndRespondHaveDefaultStatuses() {
    List<RuleSpec> routes = routes(
        "tether.routes = [",
        "  { prefix = \"/old\", redirect { location = \"/new\" } }",
        "  { path = \"/healthz\", respond {} }",
        "]");

    assertThat(routes).extracting(RuleSpec::action).containsExactly(
        new Action.Redirect(302, "/new", null),
        new Action.Respond(200, null, null));
  }

  @Test
  void numbersAndBooleansMayComeAsStrings() {
    RuleSpec rule = routes(
        "tether.routes = [ { prefix = \"/\", priority = \"7\", strip-prefix = \"true\",",
        "  split = [ { pool = blue, weight = \"3\" } ] } ]").get(0);

    assertThat(rule.priority()).isEqualTo(7);
    assertThat(rule.stripPrefix()).isTrue();
    assertThat(rule.action()).isEqualTo(new Action.Split(List.of(new Action.Share("blue", 3))));
  }

  @Test
  void publicUrlMapsIntoTheServer() {
    TetherConfig config = files.load(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"localhost:9001\", public-url = \"https://app1.example.com\" }",
        "  { id = b, address = \"localhost:9002\", public-url = \"http://10.0.0.2:8080/app/\" }",
        "  { id = c, address = \"localhost:9003\" }",
        "]");

    assertThat(config.pools().get("app").servers()).extracting(ServerConfig::publicUrl)
        .containsExactly("https://app1.example.com", "http://10.0.0.2:8080/app/", null);
  }
}
