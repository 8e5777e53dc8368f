package tether.proxy.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.HostPort;
import tether.proxy.config.ServerConfig;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RawServer;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;
import tether.routing.Action;
import tether.routing.HeaderOp;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

/** Routing rules through the proxy: what each server receives, splits, redirects, fixed answers, swaps. */
class RoutingProxyTest {

  @RegisterExtension
  static WireMockExtension images = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension app = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void stub() {
    images.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("X-Pool", "images").withHeader("Server", "img/1").withBody("i")));
    api.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("X-Pool", "api").withBody("a")));
    app.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("X-Pool", "app").withBody("p")));
  }

  private TestConfig threePools() {
    return TestConfig.create()
        .pool("images", images.getPort())
        .pool("api", api.getPort())
        .pool("app", app.getPort());
  }

  @Test
  void eachPoolReceivesThePathItsRuleRewrites() throws Exception {
    TestConfig config =
        threePools()
            .rule(RuleSpec.builder().prefix("/images").stripPrefix().forward("images")
                .responseHeader(HeaderOp.remove("Server")).build())
            .rule(RuleSpec.builder().prefix("/api/v1").replacePrefix("/v2")
                .requestHeader(HeaderOp.set("X-Api-Version", "2")).forward("api").build())
            .rule(RuleSpec.builder().prefix("/old").rewrite("^/old/(.*)$", "/new/$1").forward("app").build())
            .rule(RuleSpec.builder().prefix("/").forward("app").build());
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response image = get(raw, "/images/cat.png?size=2");
      assertThat(image.header("X-Pool")).isEqualTo("images");
      assertThat(image.header("Server")).isNull();
      assertThat(get(raw, "/imagesx").header("X-Pool")).isEqualTo("app");
      assertThat(get(raw, "/api/v1/users;jsessionid=S1.a?x=1").header("X-Pool")).isEqualTo("api");
      assertThat(get(raw, "/old/page").header("X-Pool")).isEqualTo("app");
      assertThat(get(raw, "/%69mages/dog.png").header("X-Pool")).isEqualTo("images");
    }
    assertThat(urls(images)).containsExactly("/cat.png?size=2", "/dog.png");
    assertThat(urls(api)).containsExactly("/v2/users;jsessionid=S1.a?x=1");
    assertThat(api.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("X-Api-Version")).isEqualTo("2");
    assertThat(urls(app)).containsExactly("/imagesx", "/new/page");
  }

  @Test
  void pathsThatTwoReadersCouldDisagreeOnAreRefused() throws Exception {
    TestConfig config =
        threePools()
            .rule(RuleSpec.builder().prefix("/images").forward("images").build())
            .rule(RuleSpec.builder().prefix("/").forward("app").build());
    try (RunningProxy proxy = RunningProxy.start(config)) {
      for (String path : List.of("/images/..%2fadmin", "/images/%2e%2e/admin", "/a%2Fb", "//images", "/images%00")) {
        try (RawHttp raw = new RawHttp(proxy.port())) {
          assertThat(get(raw, path).status()).as(path).isEqualTo(400);
        }
      }
      try (RawHttp raw = new RawHttp(proxy.port())) {
        // Dot segments are resolved before matching, and the server gets exactly what was matched.
        assertThat(get(raw, "/images/../admin").header("X-Pool")).isEqualTo("app");
      }
    }
    assertThat(urls(app)).containsExactly("/admin");
    assertThat(urls(images)).isEmpty();
  }

  @Test
  void splitsLandWithinTwoPointsOfTheirShares() throws Exception {
    try (RawServer blue = RawServer.replying("HTTP/1.1 200 OK\r\nX-Pool: blue\r\nContent-Length: 0\r\n\r\n");
        RawServer green = RawServer.replying("HTTP/1.1 200 OK\r\nX-Pool: green\r\nContent-Length: 0\r\n\r\n")) {
      for (int[] shares : new int[][] {{50, 50}, {90, 10}}) {
        TestConfig config =
            TestConfig.create()
                .pool("blue", blue.port())
                .pool("green", green.port())
                .rule(RuleSpec.builder().prefix("/")
                    .split(new Action.Share("blue", shares[0]), new Action.Share("green", shares[1])).build());
        Map<String, Integer> counts = new HashMap<>();
        try (RunningProxy proxy = RunningProxy.start(config);
            RawHttp raw = new RawHttp(proxy.port())) {
          for (int i = 0; i < 10_000; i++) {
            counts.merge(get(raw, "/s").header("X-Pool"), 1, Integer::sum);
          }
        }
        double bluePercent = counts.getOrDefault("blue", 0) / 100.0;
        assertThat(bluePercent).as("blue share of %s", counts).isBetween(shares[0] - 2.0, shares[0] + 2.0);
      }
    }
  }

  @Test
  void aRedirectRouteSendsTheClientToTheChosenServerAndKeepsItThere() throws Exception {
    List<ServerConfig> servers =
        List.of(
            new ServerConfig("app1", new HostPort("127.0.0.1", app.getPort()), 1, "app1", "https://app1.example.com"),
            new ServerConfig("app2", new HostPort("127.0.0.1", api.getPort()), 1, "app2", "https://app2.example.com/"));
    TestConfig config =
        TestConfig.create()
            .pool("app", servers)
            .affinity("app", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
            .keys("k1", Map.of("k1", Affinities.KEY))
            .rule(RuleSpec.builder().prefix("/go").redirect(302, "{server}{path}{query}", "app").build());
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response first = get(raw, "/go/cart?item=7");
      assertThat(first.status()).isEqualTo(302);
      assertThat(first.header("Location")).matches("https://app[12]\\.example\\.com/go/cart\\?item=7");
      String cookie = first.header("Set-Cookie").split(";")[0];
      for (int i = 0; i < 10; i++) {
        RawHttp.Response again =
            raw.send("GET /go/cart?item=7 HTTP/1.1\r\nHost: t\r\nCookie: " + cookie + "\r\n\r\n").readResponse();
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
      }
    }
    assertThat(urls(app)).isEmpty();
  }

  @Test
  void aFixedResponseRouteAnswersWithoutAServer() throws Exception {
    TestConfig config =
        threePools().rule(RuleSpec.builder().path("/health").respond(200, "text/plain", "up\n").build());
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response health = get(raw, "/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.bodyText()).isEqualTo("up\n");
      assertThat(health.header("Content-Type")).isEqualTo("text/plain");
    }
  }

  @Test
  void aReplacementWithOneBadRuleKeepsTheOldTableAndNamesTheRule() throws Exception {
    TestConfig config = threePools().rule(RuleSpec.builder().prefix("/").forward("app").build());
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      List<RuleSpec> next =
          List.of(
              RuleSpec.builder().name("imgs").prefix("/images").forward("images").build(),
              RuleSpec.builder().name("typo").prefix("api").forward("api").build(),
              RuleSpec.builder().name("ghost").prefix("/ghost").forward("nowhere").build(),
              RuleSpec.builder().prefix("/").forward("api").build());

      assertThatThrownBy(() -> proxy.tether().replaceRoutes(next))
          .isInstanceOf(RouteTableException.class)
          .hasMessageContaining("rule 1 (typo)")
          .hasMessageContaining("rule 2 (ghost): pool: nowhere");
      assertThat(get(raw, "/images/x").header("X-Pool")).isEqualTo("app");

      List<RuleSpec> fixed = List.of(next.get(0), next.get(3));
      proxy.tether().replaceRoutes(fixed);
      assertThat(get(raw, "/images/x").header("X-Pool")).isEqualTo("images");
      assertThat(get(raw, "/other").header("X-Pool")).isEqualTo("api");
    }
  }

  @Test
  void aRuleNamingAMissingPoolIsRefusedWithItsName() {
    TestConfig config = threePools().rule(RuleSpec.builder().prefix("/").forward("app").build());
    try (RunningProxy proxy = RunningProxy.start(config)) {
      assertThatThrownBy(
              () -> proxy.tether().replaceRoutes(List.of(RuleSpec.builder().name("ghost").prefix("/").forward("nowhere").build())))
          .isInstanceOf(RouteTableException.class)
          .hasMessageContaining("rule 0 (ghost): pool: nowhere");
      assertThat(proxy.tether().routes()).hasSize(1);
    }
  }

  private static RawHttp.Response get(RawHttp raw, String target) throws Exception {
    return raw.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
  }

  private static List<String> urls(WireMockExtension server) {
    return server.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getUrl()).toList();
  }
}
