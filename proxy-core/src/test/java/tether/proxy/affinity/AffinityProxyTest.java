package tether.proxy.affinity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.AffinityConfig;
import tether.proxy.pool.AdminState;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.Ports;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;
import tether.routing.RuleSpec;

/** The signed cookie through the proxy: pinning, stripping, bad tokens, drain, maintenance, failure. */
class AffinityProxyTest {


  @RegisterExtension
  static WireMockExtension b1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension b2 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension b3 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void stub() {
    for (var b : List.of(b1, b2, b3)) {
      String name = b == b1 ? "s1" : b == b2 ? "s2" : "s3";
      b.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("X-Backend", name).withBody(name)));
    }
  }

  private static TestConfig config(AffinityConfig.Unavailable policy, int... ports) {
    return TestConfig.create()
        .pool("app", ports)
        .affinity("app", Affinities.cookie(policy))
        .keys("k1", Map.of("k1", Affinities.KEY))
        .route("/", "app");
  }

  private static TestConfig config(AffinityConfig.Unavailable policy) {
    return config(policy, b1.getPort(), b2.getPort(), b3.getPort());
  }

  @Test
  void aSessionStaysOnItsServerAndTheServerNeverSeesTheCookie() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH));
        RawHttp raw = new RawHttp(proxy.port())) {
      Reply first = get(raw, null, "theme=dark");
      assertThat(first.cookie()).startsWith("TETHER=");
      assertThat(first.setCookie()).contains("HttpOnly").contains("Path=/");
      for (int i = 0; i < 20; i++) {
        Reply next = get(raw, first.cookie(), "theme=dark");
        assertThat(next.backend()).isEqualTo(first.backend());
      }
      assertThat(proxy.meter("tether.pool.app.affinity.valid")).isEqualTo(20);
      assertThat(proxy.meter("tether.pool.app.affinity.none")).isEqualTo(1);
    }
    for (var b : List.of(b1, b2, b3)) {
      for (LoggedRequest r : b.findAll(anyRequestedFor(anyUrl()))) {
        assertThat(r.getHeader("Cookie")).isEqualTo("theme=dark");
      }
    }
  }

  @Test
  void aRouteWithoutAffinityStillKeepsThePoolsCookieFromItsServers() throws Exception {
    TestConfig config = TestConfig.create()
        .pool("app", b1.getPort(), b2.getPort(), b3.getPort())
        .affinity("app", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
        .keys("k1", Map.of("k1", Affinities.KEY))
        .rule(RuleSpec.builder().prefix("/raw").forward("app").affinity("none").build())
        .route("/", "app");
    try (RunningProxy proxy = RunningProxy.start(config); RawHttp raw = new RawHttp(proxy.port())) {
      Reply first = get(raw, null, "theme=dark");
      raw.send("GET /raw HTTP/1.1\r\nHost: t\r\nCookie: " + first.cookie() + "; theme=dark\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(200);
    }
    List<LoggedRequest> raws = new ArrayList<>();
    for (var b : List.of(b1, b2, b3)) {
      raws.addAll(b.findAll(getRequestedFor(urlEqualTo("/raw"))));
    }
    assertThat(raws).singleElement().satisfies(r -> assertThat(r.getHeader("Cookie")).isEqualTo("theme=dark"));
  }

  @Test
  void aNewSessionKeepsTheServersCacheControlSentOnSeveralLines() throws Exception {
    for (var b : List.of(b1, b2, b3)) {
      b.stubFor(any(urlEqualTo("/private")).willReturn(aResponse()
          .withHeader("Cache-Control", "max-age=60", "no-store").withBody("mine")));
    }
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response r = raw.send("GET /private HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(r.header("Set-Cookie")).startsWith("TETHER=");
      assertThat(r.head().lines().filter(line -> line.regionMatches(true, 0, "Cache-Control:", 0, 14)))
          .as("the server's no-store, which already keeps shared caches out")
          .anySatisfy(line -> assertThat(line).contains("no-store"));
    }
  }

  @Test
  void forgedAndTruncatedTokensAreTreatedAsNoAffinityAndNeverEchoed() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH));
        RawHttp raw = new RawHttp(proxy.port())) {
      Reply good = get(raw, null, null);
      String token = good.cookie().substring("TETHER=".length());
      List<String> bad =
          List.of(
              token.substring(0, token.length() - 3),
              token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"),
              "x".repeat(5000),
              "not a token at all",
              "");
      for (String forged : bad) {
        Reply reply = get(raw, "TETHER=" + forged, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.setCookie()).as("a new cookie replaces %s", forged).isNotNull();
        assertThat(reply.setCookie()).doesNotContain(forged.isEmpty() ? "TETHER=;" : forged);
      }
      assertThat(proxy.meter("tether.pool.app.affinity.invalid")).isEqualTo(bad.size());
      assertThat(proxy.meter("tether.pool.app.affinity.cookie.invalid")).isEqualTo(bad.size());
    }
  }

  @Test
  void aDrainingServerKeepsItsSessionsAndGetsNoNewOnes() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH));
        RawHttp raw = new RawHttp(proxy.port())) {
      Reply pinned = get(raw, null, null);
      proxy.tether().pool("app").setState(pinned.backend(), AdminState.DRAINING);

      for (int i = 0; i < 10; i++) {
        assertThat(get(raw, pinned.cookie(), null).backend()).isEqualTo(pinned.backend());
        assertThat(get(raw, null, null).backend()).isNotEqualTo(pinned.backend());
      }
    }
  }

  @Test
  void maintenanceMovesSessionsOnceUnlessThePoolInsists() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH));
        RawHttp raw = new RawHttp(proxy.port())) {
      Reply pinned = get(raw, null, null);
      proxy.tether().pool("app").setState(pinned.backend(), AdminState.MAINTENANCE);

      Reply moved = get(raw, pinned.cookie(), null);
      assertThat(moved.backend()).isNotEqualTo(pinned.backend());
      assertThat(moved.cookie()).isNotNull();
      for (int i = 0; i < 5; i++) {
        assertThat(get(raw, moved.cookie(), null).backend()).isEqualTo(moved.backend());
      }
      assertThat(proxy.meter("tether.pool.app.affinity.redispatched")).isEqualTo(1);
    }
    try (RunningProxy proxy = RunningProxy.start(config(AffinityConfig.Unavailable.INSIST));
        RawHttp raw = new RawHttp(proxy.port())) {
      Reply pinned = get(raw, null, null);
      proxy.tether().pool("app").setState(pinned.backend(), AdminState.MAINTENANCE);

      RawHttp.Response refused = raw.send(request(pinned.cookie(), null)).readResponse();
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("5");
      assertThat(proxy.meter("tether.pool.app.affinity.refused")).isEqualTo(1);
      assertThat(proxy.meter("tether.pool.app.affinity.cookie.refused")).isEqualTo(1);
      assertThat(proxy.meter("tether.pool.app.affinity.redispatched")).isZero();
    }
  }

  @Test
  void aSessionWhoseServerDiesMovesOnceAndStays() throws Exception {
    int dead = Ports.unused();
    try (RunningProxy proxy =
            RunningProxy.start(config(AffinityConfig.Unavailable.REDISPATCH, b1.getPort(), b2.getPort(), b3.getPort()));
        RawHttp raw = new RawHttp(proxy.port())) {
      // A cookie for s1, then s1's address stops answering: the pool is rebuilt with a dead s1.
      Reply pinned = getUntil(raw, "s1");
      var pool = proxy.tether().pool("app");
      var s1 = pool.removeServer("s1");
      pool.addServer(
          new tether.proxy.pool.Server(s1.id(), new tether.proxy.config.HostPort("127.0.0.1", dead), s1.weight(), s1.metrics()));

      Reply moved = get(raw, pinned.cookie(), null);
      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.backend()).isNotEqualTo("s1");
      assertThat(moved.cookie()).isNotNull();
      for (int i = 0; i < 5; i++) {
        Reply next = get(raw, moved.cookie(), null);
        assertThat(next.backend()).isEqualTo(moved.backend());
        assertThat(next.cookie()).as("no further move").isNull();
      }
      assertThat(proxy.meter("tether.pool.app.affinity.redispatched")).isEqualTo(1);
    }
  }

  private static Reply getUntil(RawHttp raw, String backend) throws Exception {
    for (int i = 0; i < 10; i++) {
      Reply r = get(raw, null, null);
      if (r.backend().equals(backend)) {
        return r;
      }
    }
    throw new AssertionError("never reached " + backend);
  }

  private static String request(String tetherCookie, String otherCookies) {
    StringBuilder cookie = new StringBuilder();
    if (otherCookies != null) {
      cookie.append(otherCookies);
    }
    if (tetherCookie != null) {
      if (cookie.length() > 0) {
        cookie.append("; ");
      }
      cookie.append(tetherCookie);
    }
    return "GET / HTTP/1.1\r\nHost: t\r\n" + (cookie.length() > 0 ? "Cookie: " + cookie + "\r\n" : "") + "\r\n";
  }

  static Reply get(RawHttp raw, String tetherCookie, String otherCookies) throws Exception {
    RawHttp.Response r = raw.send(request(tetherCookie, otherCookies)).readResponse();
    String setCookie = r.header("Set-Cookie");
    String cookie = setCookie == null ? null : setCookie.substring(0, setCookie.indexOf(';') < 0 ? setCookie.length() : setCookie.indexOf(';'));
    return new Reply(r.status(), r.header("X-Backend"), setCookie, cookie);
  }

  record Reply(int status, String backend, String setCookie, String cookie) {}
}
