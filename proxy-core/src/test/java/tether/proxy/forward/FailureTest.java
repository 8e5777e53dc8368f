package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RawServer;
import tether.proxy.testing.Ports;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.StreamingBackend;
import tether.proxy.testing.TestConfig;

/** What the client sees when a server is down, slow, or breaks mid-response, and when the client leaves. */
class FailureTest {

  @RegisterExtension
  static WireMockExtension backend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aServerThatRefusesConnectionsIsSkippedForAnother() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("alive")));
    int dead = Ports.unused();
    try (RunningProxy proxy =
            RunningProxy.start(TestConfig.create().pool("app", dead, backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int i = 0; i < 10; i++) {
        RawHttp.Response response =
            raw.send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody").readResponse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("alive");
      }
      // Every POST reached the live server exactly once. Round robin offers s1 for each request and the
      // retry takes the next server, until five failed connects in a row eject s1.
      backend.verify(10, postRequestedFor(anyUrl()));
      assertThat(proxy.meter("tether.pool.app.server.s1.errors.connect")).isEqualTo(5);
      assertThat(proxy.meter("tether.pool.app.server.s1.retries")).isEqualTo(5);
      assertThat(proxy.tether().pool("app").snapshot().server("s1").health())
          .isEqualTo(tether.proxy.pool.Health.EJECTED);
      assertThat(proxy.meter("tether.pool.app.server.s2.requests")).isEqualTo(10);
    }
  }

  @Test
  void noReachableServerGives502() throws Exception {
    try (RunningProxy proxy =
            RunningProxy.start(TestConfig.create().pool("app", Ports.unused(), Ports.unused()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.bodyText()).startsWith("502 Bad Gateway");
    }
  }

  @Test
  void aServerThatDoesNotAnswerInTimeGives504() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(1_500).withBody("late")));
    try (RunningProxy proxy =
            RunningProxy.start(
                TestConfig.create()
                    .responseTimeout(Duration.ofMillis(300))
                    .pool("app", backend.getPort())
                    .route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(response.status()).isEqualTo(504);
      assertThat(proxy.meter("tether.pool.app.server.s1.errors.timeout")).isEqualTo(1);
      // Timed out means not retried: a slow server may be working on the request. WireMock logs a
      // request once its delayed answer is done, so wait for that before counting.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> backend.findAll(anyRequestedFor(anyUrl())).size() >= 1);
      assertThat(backend.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }
  }

  @Test
  void aServerThatDoesNotAcceptInTimeGives504() throws Exception {
    // A listener whose accept queue is full drops new SYNs: connecting to it times out.
    try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<Socket> queued = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            queued.add(s);
          } catch (java.net.SocketTimeoutException e) {
            s.close();
            break;
          }
        }
        try (RunningProxy proxy =
                RunningProxy.start(
                    TestConfig.create()
                        .connectTimeout(Duration.ofMillis(300))
                        .pool("app", full.getLocalPort())
                        .route("/", "app"));
            RawHttp raw = new RawHttp(proxy.port())) {
          RawHttp.Response response = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
          assertThat(response.status()).isEqualTo(504);
          assertThat(proxy.meter("tether.pool.app.server.s1.errors.connect")).isEqualTo(1);
        }
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void aFixedLengthResponseCutShortClosesTheClientConnection() throws Exception {
    try (RawServer server =
            RawServer.replyingThenClosing("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
        RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      byte[] received = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readToEnd();

      String text = new String(received, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 200");
      // The connection ended before the promised 100 bytes: the client can tell the body is incomplete.
      assertThat(text.substring(text.indexOf("\r\n\r\n") + 4).length()).isLessThan(100);
      assertThat(proxy.meter("tether.pool.app.server.s1.errors.server")).isEqualTo(1);
    }
  }

  @Test
  void aChunkedResponseCutShortIsNeverTerminatedAsIfComplete() throws Exception {
    try (RawServer server =
            RawServer.replyingThenClosing(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      byte[] received = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readToEnd();

      String text = new String(received, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 200").contains("hello");
      assertThat(text).doesNotContain("\r\n0\r\n\r\n");
    }
  }

  @Test
  void aResponseThatIsNotHttpGives502() throws Exception {
    try (RawServer server = RawServer.replyingThenClosing("SSH-2.0-OpenSSH\r\n\r\n");
        RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(502);
    }
  }

  @Test
  void aClientThatLeavesAbortsTheExchangeWithTheServer() throws Exception {
    try (StreamingBackend server = new StreamingBackend();
        RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"))) {
      try (Socket client = new Socket("127.0.0.1", proxy.port())) {
        client.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
        InputStream in = client.getInputStream();
        assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
      }
      Throwable broken = server.endlessBroken().get(20, TimeUnit.SECONDS);
      assertThat(broken).isInstanceOf(java.io.IOException.class);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> proxy.meter("tether.pool.app.server.s1.errors.client") == 1);
    }
  }

}
