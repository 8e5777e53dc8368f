package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.HostPort;
import tether.proxy.config.ServerConfig;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** Tether's own answers: 400, 404, 408, 413, 431, 501 and 503, each short, clear and with the right framing. */
class LimitsTest {

  @RegisterExtension
  static WireMockExtension backend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void noRouteGives404AndPrefixesMatchWholeSegments() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("api")));
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("api", backend.getPort()).route("/api", "api"));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /api/x HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);
      assertThat(raw.send("GET /api HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);
      RawHttp.Response miss = raw.send("GET /apix HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(miss.status()).isEqualTo(404);
      assertThat(miss.bodyText()).isEqualTo("404 Not Found: no route for this host and path\n");
      assertThat(raw.send("GET /other HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(404);
      assertThat(proxy.meter("tether.responses.no-route")).isEqualTo(2);
    }
  }

  @Test
  void hostRoutesWinOverAnyHost() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x")));
    try (RunningProxy proxy =
            RunningProxy.start(
                TestConfig.create()
                    .pool("app", backend.getPort())
                    .pool("none", List.of(new ServerConfig("z", new HostPort("127.0.0.1", backend.getPort()), 0)))
                    .route("/", "none")
                    .route("shop.example", "/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET / HTTP/1.1\r\nHost: shop.example:8080\r\n\r\n").readResponse().status())
          .isEqualTo(200);
      assertThat(raw.send("GET / HTTP/1.1\r\nHost: other.example\r\n\r\n").readResponse().status())
          .isEqualTo(503);
    }
  }

  @Test
  void aWebSocketHandshakeGives501WithoutContactingTheServerAndOtherUpgradesAreIgnored() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("plain")));
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response refused = raw.send("GET /chat HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, Upgrade\r\n"
          + "Upgrade: WebSocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
          .readResponse();
      assertThat(refused.status()).isEqualTo(501);
      assertThat(refused.bodyText()).isEqualTo("501 Not Implemented: WebSocket is not supported: Tether forwards HTTP requests only\n");
      assertThat(proxy.meter("tether.responses.websocket-refused")).isEqualTo(1);
      // The same connection carries on, and an upgrade to h2c is ignored: the request is forwarded as HTTP/1.1.
      RawHttp.Response h2c = raw.send("GET /page HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings\r\n"
          + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n").readResponse();
      assertThat(h2c.status()).isEqualTo(200);
      assertThat(h2c.bodyText()).isEqualTo("plain");
    }
    assertThat(backend.findAll(anyRequestedFor(anyUrl()))).extracting(r -> r.getUrl()).containsExactly("/page");
  }

  @Test
  void aPoolWithNoUsableServerGives503() throws Exception {
    try (RunningProxy proxy =
            RunningProxy.start(
                TestConfig.create()
                    .pool("app", List.of(new ServerConfig("s1", new HostPort("127.0.0.1", backend.getPort()), 0)))
                    .route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.bodyText()).contains("no server available in pool app");
      assertThat(proxy.meter("tether.responses.no-server")).isEqualTo(1);
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitGives413WithoutContactingTheServer() throws Exception {
    try (RunningProxy proxy =
            RunningProxy.start(TestConfig.create().maxBodyBytes(1000).pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          raw.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\nExpect: 100-continue\r\n\r\n")
              .readResponse();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
    }
    backend.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aChunkedBodyGrowingPastTheLimitGives413() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
    try (RunningProxy proxy =
            RunningProxy.start(TestConfig.create().maxBodyBytes(1000).pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
      raw.send("3e8\r\n" + "x".repeat(1000) + "\r\n");
      raw.send("a\r\n" + "y".repeat(10) + "\r\n0\r\n\r\n");
      RawHttp.Response response = raw.readResponse();
      assertThat(response.status()).isEqualTo(413);
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void malformedRequestGives400() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /a b c\r\n\r\n").readResponse().status()).isEqualTo(400);
    }
  }

  @Test
  void oversizedHeadersGive431() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          raw.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(40 * 1024) + "\r\n\r\n").readResponse();
      assertThat(response.status()).isEqualTo(431);
    }
    backend.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void headersTrickledPastTheDeadlineGive408() throws Exception {
    try (RunningProxy proxy =
            RunningProxy.start(
                TestConfig.create()
                    .headerTimeout(Duration.ofMillis(400))
                    .pool("app", backend.getPort())
                    .route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("GET / HTTP/1.1\r\nHost: t\r\n");
      // The rest never comes: the deadline, not the client, ends the exchange.
      RawHttp.Response response = raw.readResponse();
      assertThat(response.status()).isEqualTo(408);
      assertThat(raw.closedByServer()).isTrue();
    }
    backend.verify(0, anyRequestedFor(anyUrl()));
  }
}
