package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RawServer;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** A server closing a pooled connection just as a request goes out on it. */
class StaleConnectionTest {

  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  @Test
  void anIdempotentRequestGoesAgainOnAnotherConnection() throws Exception {
    try (RawServer server = RawServer.answeringThenDropping(1, OK);
        RunningProxy proxy = start(server);
        RawHttp raw = new RawHttp(proxy.port())) {
      // One client connection, so one I/O thread and its one pooled server connection.
      assertThat(raw.send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);

      assertThat(raw.send("GET /2 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().bodyText()).isEqualTo("ok");
      // The first connection's answer, the request it dropped, and the same request on a new one.
      assertThat(server.requests()).isEqualTo(3);
      assertThat(proxy.meter("tether.pool.app.server.s1.errors.server")).isZero();
    }
  }

  @Test
  void aRequestThatIsNotIdempotentIsNotSentAgain() throws Exception {
    try (RawServer server = RawServer.answeringThenDropping(1, OK);
        RunningProxy proxy = start(server);
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);

      assertThat(raw.send("POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n").readResponse().status())
          .isEqualTo(502);
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void aNewConnectionThatBreaksIsAFailureOfTheServer() throws Exception {
    try (RawServer server = RawServer.answeringThenDropping(0, OK);
        RunningProxy proxy = start(server);
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(502);
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  private static RunningProxy start(RawServer server) {
    return RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
  }
}
