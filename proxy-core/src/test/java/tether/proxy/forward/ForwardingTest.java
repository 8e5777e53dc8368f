package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** Round trips through the proxy: methods, bodies, exact bytes and headers. */
class ForwardingTest {

  @RegisterExtension
  static WireMockExtension backend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private RunningProxy proxy;

  @BeforeEach
  void start() {
    proxy = RunningProxy.start(TestConfig.create().pool("app", backend.getPort()).route("/", "app"));
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void getReturnsTheServersStatusHeadersAndExactBody() throws Exception {
    byte[] body = randomBytes(70_001, 1);
    backend.stubFor(
        get("/files/a.bin")
            .willReturn(aResponse().withStatus(203).withHeader("X-Custom", "one").withBody(body)));

    HttpResponse<byte[]> response =
        http.send(HttpRequest.newBuilder(proxy.uri("/files/a.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(203);
    assertThat(response.headers().firstValue("X-Custom")).hasValue("one");
    assertThat(response.headers().firstValue("Via")).hasValue("1.1 tether");
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void redirectsAreRelayedEveryTimeNeitherFollowedNorRemembered() throws Exception {
    backend.stubFor(
        get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new").withBody("moved")));
    backend.stubFor(get("/new").willReturn(aResponse().withBody("new")));

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(proxy.uri("/old")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(301);
      assertThat(response.headers().firstValue("Location")).hasValue("/new");
      assertThat(response.body()).isEqualTo("moved");
    }
    backend.verify(2, getRequestedFor(urlEqualTo("/old")));
    backend.verify(0, getRequestedFor(urlEqualTo("/new")));
  }

  @Test
  void headReturnsHeadersWithoutBody() throws Exception {
    backend.stubFor(any(urlEqualTo("/h")).willReturn(aResponse().withHeader("Content-Length", "1234")));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n").readHeadResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Length")).isEqualTo("1234");
      // The connection stays usable: no body bytes were left behind.
      backend.stubFor(get("/next").willReturn(aResponse().withBody("next")));
      RawHttp.Response next = raw.send("GET /next HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(next.bodyText()).isEqualTo("next");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
  void fixedLengthBodiesArriveExactly(String method) throws Exception {
    byte[] body = randomBytes(123_457, method.hashCode());
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("done " + method)));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/items/7?x=1"))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("done " + method);
    LoggedRequest received = onlyRequest();
    assertThat(received.getMethod().value()).isEqualTo(method);
    assertThat(received.getUrl()).isEqualTo("/items/7?x=1");
    assertThat(received.getBody()).isEqualTo(body);
    assertThat(received.getHeader("Content-Length")).isEqualTo(Integer.toString(body.length));
    assertThat(received.getHeader("Content-Type")).isEqualTo("application/octet-stream");
  }

  @Test
  void chunkedRequestBodyArrivesExactly() throws Exception {
    byte[] body = randomBytes(300_000, 3);
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    LoggedRequest received = onlyRequest();
    assertThat(received.getBody()).isEqualTo(body);
    assertThat(received.getHeader("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void chunkedResponseArrivesExactly() throws Exception {
    byte[] body = randomBytes(50_000, 4);
    backend.stubFor(
        get("/chunked").willReturn(aResponse().withBody(body).withChunkedDribbleDelay(7, 100)));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET /chunked HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(response.body()).isEqualTo(body);
    }
  }

  @Test
  void pathParametersEncodingAndQueryPassUntouched() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("GET /a%20b/c;jsessionid=ABC.app2?q=%20x&y=%C3%A9 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
    }

    assertThat(onlyRequest().getUrl()).isEqualTo("/a%20b/c;jsessionid=ABC.app2?q=%20x&y=%C3%A9");
  }

  @Test
  void hopByHopHeadersAndConnectionTokensAreRemovedFromRequests() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      raw.send(
              "GET /h HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, X-Secret\r\nX-Secret: s\r\n"
                  + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\n"
                  + "Proxy-Connection: keep-alive\r\nTrailer: X-T\r\nX-Kept: yes\r\n\r\n")
          .readResponse();
    }

    LoggedRequest received = onlyRequest();
    assertThat(received.getHeader("X-Kept")).isEqualTo("yes");
    for (String removed :
        List.of("X-Secret", "Keep-Alive", "TE", "Proxy-Authorization", "Proxy-Connection", "Trailer")) {
      assertThat(received.containsHeader(removed)).as(removed).isFalse();
    }
  }

  @Test
  void hostIsPreservedByDefault() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("GET / HTTP/1.1\r\nHost: shop.example:8443\r\n\r\n").readResponse();
    }

    assertThat(onlyRequest().getHeader("Host")).isEqualTo("shop.example:8443");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("stored")));

    try (RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("PUT /e HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      RawHttp.Response interim = raw.readResponse();
      assertThat(interim.status()).isEqualTo(100);
      RawHttp.Response response = raw.send("hello").readResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo("stored");
    }

    LoggedRequest received = onlyRequest();
    assertThat(received.getBodyAsString()).isEqualTo("hello");
    assertThat(received.containsHeader("Expect")).isFalse();
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> all = backend.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
