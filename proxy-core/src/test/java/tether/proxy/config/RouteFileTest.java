package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.routing.Action;
import tether.routing.HeaderOp;
import tether.routing.RouteRequest;
import tether.routing.RouteResult;
import tether.routing.RouteTable;
import tether.routing.RuleSpec;

/** A realistic route file of 30 rules of every kind: it loads, and the rules route as written. */
class RouteFileTest {

  @TempDir static Path dir;
  private static TetherConfig config;
  private static RouteTable table;

  @BeforeAll
  static void load() {
    config = new ConfigFiles(dir).load(
        "tether {",
        "  pools {",
        "    app.servers = [",
        "      { id = app1, address = \"127.0.0.1:9001\", public-url = \"https://app1.example.com\" }",
        "      { id = app2, address = \"127.0.0.1:9002\", public-url = \"https://app2.example.com\" }",
        "    ]",
        "    api.servers = [ { id = api1, address = \"127.0.0.1:9011\" } ]",
        "    static.servers = [ { id = st1, address = \"127.0.0.1:9021\" } ]",
        "    blue.servers = [ { id = b1, address = \"127.0.0.1:9031\" } ]",
        "    green.servers = [ { id = g1, address = \"127.0.0.1:9041\" } ]",
        "    admin.servers = [ { id = ad1, address = \"127.0.0.1:9051\" } ]",
        "    legacy.servers = [ { id = l1, address = \"127.0.0.1:9061\" } ]",
        "  }",
        "  routes = [",
        "    { name = maintenance, priority = 100, host = \"down.example.com\", prefix = \"/\",",
        "      respond { status = 503, content-type = \"text/plain\", body = \"back soon\" } }",
        "    { name = admin, host = \"admin.example.com\", prefix = \"/\", pool = admin }",
        "    { name = admin-api, host = \"admin.example.com\", prefix = \"/api\", methods = [GET, POST], pool = admin,",
        "      timeouts { response = 2m } }",
        "    { name = shop, host = \"*.shop.example.com\", prefix = \"/\", pool = app }",
        "    { name = eu-shop, host = \"*.eu.shop.example.com\", prefix = \"/\", pool = blue }",
        "    { name = api-v1, host = \"api.example.com\", prefix = \"/v1\", strip-prefix = true, pool = api }",
        "    { name = api-v2, host = \"api.example.com\", prefix = \"/v2\", replace-prefix = \"/next\", pool = api }",
        "    { name = api-v0, host = \"api.example.com\", prefix = \"/v0\", replace-prefix = \"/v1\",",
        "      redirect { status = 308, location = \"https://api.example.com{path}{query}\" } }",
        "    { name = canary, prefix = \"/app\", headers = [ { name = X-Canary, equals = \"1\" } ], pool = green }",
        "    { name = mobile, prefix = \"/app\", headers = [ { name = User-Agent, regex = Mobile } ], pool = blue }",
        "    { name = app-split, prefix = \"/app\", split = [ { pool = blue, weight = 90 }, { pool = green, weight = 10 } ] }",
        "    { name = debug, prefix = \"/search\", query = [ { name = debug } ], pool = api, affinity = none }",
        "    { name = search-v2, prefix = \"/search\", query = [ { name = v, equals = \"2\" } ], pool = green }",
        "    { name = search, prefix = \"/search\", pool = app }",
        "    { name = health, path = \"/healthz\", respond { content-type = \"text/plain\", body = ok } }",
        "    { name = robots, path = \"/robots.txt\",",
        "      respond { content-type = \"text/plain\", body = \"User-agent: *\\nDisallow: /admin\" } }",
        "    { name = static, prefix = \"/static\", pool = static,",
        "      response-headers { set { Cache-Control = \"public, max-age=86400\" } } }",
        "    { name = images, prefix = \"/static/img\", path-regex = \"\\\\.(png|jpg)$\", pool = static }",
        "    { name = blog, prefix = \"/blog\", strip-prefix = true,",
        "      redirect { status = 301, location = \"https://blog.example.com{path}{query}\" } }",
        "    { name = legacy, prefix = \"/legacy\", rewrite { regex = \"^/legacy/(.*)$\", replacement = \"/v1/$1\" },",
        "      pool = legacy }",
        "    { name = home, prefix = \"/home\", redirect { location = \"{server}{path}{query}\", pool = app } }",
        "    { name = upload, prefix = \"/upload\", methods = [POST, PUT], pool = app, timeouts { response = 5m } }",
        "    { name = upload-read, prefix = \"/upload\", pool = static }",
        "    { name = internal, prefix = \"/internal\", respond { status = 404 } }",
        "    { name = ws, prefix = \"/ws\", headers = [ { name = Upgrade } ], pool = app, affinity = none }",
        "    { name = api-rest, host = \"api.example.com\", prefix = \"/\",",
        "      respond { status = 404, content-type = \"application/json\", body = \"{\\\"error\\\":\\\"unknown\\\"}\" } }",
        "    { name = edits, prefix = \"/h\", pool = app,",
        "      request-headers { remove = [X-Debug], set { X-Env = prod }, add { X-From = tether } }",
        "      response-headers { remove = [Server] } }",
        "    { name = login, priority = 5, prefix = \"/login\", methods = [POST], pool = app }",
        "    { name = docs, prefix = \"/docs\", replace-prefix = \"/\", pool = static }",
        "    { name = default, prefix = \"/\", pool = app }",
        "  ]",
        "}");
    table = RouteTable.compile(config.routes());
  }

  private record Request(String host, String method, String rawPath, String rawQuery, Map<String, String> headers)
      implements RouteRequest {

    @Override
    public String header(String lowerCaseName) {
      return headers.get(lowerCaseName);
    }
  }

  private static RouteResult.Routed route(String host, String method, String target, String... headers) {
    int q = target.indexOf('?');
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    RouteResult result = table.route(new Request(host, method, q < 0 ? target : target.substring(0, q),
        q < 0 ? null : target.substring(q + 1), map));
    assertThat(result).isInstanceOf(RouteResult.Routed.class);
    return (RouteResult.Routed) result;
  }

  private static String name(String host, String method, String target, String... headers) {
    return route(host, method, target, headers).rule().name();
  }

  @Test
  void allThirtyRulesLoadInOrder() {
    assertThat(config.routes()).hasSize(30);
    assertThat(config.routes()).extracting(RuleSpec::name).startsWith("maintenance", "admin", "admin-api")
        .endsWith("login", "docs", "default").doesNotHaveDuplicates();
  }

  @Test
  void theRulesRouteAsWritten() {
    assertThat(name("down.example.com", "GET", "/app")).isEqualTo("maintenance");
    assertThat(name("admin.example.com", "GET", "/api/users")).isEqualTo("admin-api");
    assertThat(name("admin.example.com", "DELETE", "/api/users")).isEqualTo("admin");
    assertThat(name("a.b.eu.shop.example.com", "GET", "/")).isEqualTo("eu-shop");
    assertThat(name("x.shop.example.com", "GET", "/cart")).isEqualTo("shop");
    assertThat(name("api.example.com", "GET", "/nope")).isEqualTo("api-rest");
    assertThat(name("www.example.com", "GET", "/app/x", "X-Canary", "1")).isEqualTo("canary");
    assertThat(name("www.example.com", "GET", "/app/x", "User-Agent", "Mobile Safari")).isEqualTo("mobile");
    assertThat(name("www.example.com", "GET", "/app/x")).isEqualTo("app-split");
    assertThat(name("www.example.com", "GET", "/search?debug")).isEqualTo("debug");
    assertThat(name("www.example.com", "GET", "/search?v=2")).isEqualTo("search-v2");
    assertThat(name("www.example.com", "GET", "/search?q=x")).isEqualTo("search");
    assertThat(name(null, "GET", "/healthz")).isEqualTo("health");
    assertThat(name(null, "GET", "/static/img/a.png")).isEqualTo("images");
    assertThat(name(null, "GET", "/static/img/a.gif")).isEqualTo("static");
    assertThat(name(null, "PUT", "/upload/f")).isEqualTo("upload");
    assertThat(name(null, "GET", "/upload/f")).isEqualTo("upload-read");
    assertThat(name(null, "GET", "/ws", "Upgrade", "websocket")).isEqualTo("ws");
    assertThat(name(null, "GET", "/ws")).isEqualTo("default");
    assertThat(name(null, "POST", "/login")).isEqualTo("login");
    assertThat(name(null, "GET", "/login")).isEqualTo("default");
  }

  @Test
  void rewritesAndActionsComeThroughTheFile() {
    assertThat(route("api.example.com", "GET", "/v1/users").forwardPath()).isEqualTo("/users");
    assertThat(route("api.example.com", "GET", "/v2/a").forwardPath()).isEqualTo("/next/a");
    assertThat(route(null, "GET", "/legacy/a/b").forwardPath()).isEqualTo("/v1/a/b");
    assertThat(route(null, "GET", "/docs/intro").forwardPath()).isEqualTo("/intro");

    RouteResult.Routed old = route("api.example.com", "GET", "/v0/items?page=2");
    assertThat(((Action.Redirect) old.action()).location(null, old.forwardPath(), "page=2"))
        .isEqualTo("https://api.example.com/v1/items?page=2");
    RouteResult.Routed home = route(null, "GET", "/home");
    assertThat(((Action.Redirect) home.action()).location("https://app2.example.com", home.forwardPath(), null))
        .isEqualTo("https://app2.example.com/home");
    assertThat(route(null, "GET", "/robots.txt").action())
        .isEqualTo(new Action.Respond(200, "text/plain", "User-agent: *\nDisallow: /admin"));
    assertThat(route("api.example.com", "GET", "/x").action())
        .isEqualTo(new Action.Respond(404, "application/json", "{\"error\":\"unknown\"}"));
    assertThat(route("admin.example.com", "GET", "/api").rule().timeouts())
        .containsExactly(Map.entry("response", Duration.ofMinutes(2)));
    assertThat(route(null, "GET", "/h").rule().requestHeaders()).containsExactly(
        HeaderOp.remove("X-Debug"), HeaderOp.set("X-Env", "prod"), HeaderOp.add("X-From", "tether"));
    assertThat(route(null, "GET", "/search?debug=1").rule().affinity()).isEqualTo("none");
    assertThat(table.referencedPools())
        .containsExactlyInAnyOrder("admin", "app", "blue", "api", "green", "static", "legacy");
  }

  @Test
  void everyServerOfTheRedirectPoolKeepsItsPublicUrl() {
    assertThat(config.pools().get("app").servers()).extracting(ServerConfig::publicUrl)
        .containsExactly("https://app1.example.com", "https://app2.example.com");
    assertThat(List.copyOf(config.pools().keySet()))
        .containsExactly("app", "api", "static", "blue", "green", "admin", "legacy");
  }
}
