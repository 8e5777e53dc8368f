package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
    try (RawServer server = RawServer.answeringThenDropping(1, OK)) {
      afterOneAnswer(server, "GET /2 HTTP/1.1\r\nHost: t\r\n\r\n", (proxy, second) -> {
        assertThat(second.bodyText()).isEqualTo("ok");
        assertThat(proxy.meter("tether.pool.app.server.s1.errors.server")).isZero();
        assertThat(proxy.meter("tether.pool.app.server.s1.stale-resends")).isEqualTo(1);
      });
      // The first connection's answer, the request it dropped, and the same request on a new one.
      assertThat(server.requests()).isEqualTo(3);
    }
  }

  @Test
  void aRequestThatIsNotIdempotentIsNotSentAgain() throws Exception {
    try (RawServer server = RawServer.answeringThenDropping(1, OK)) {
      afterOneAnswer(server, "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", (proxy, second) -> {
        assertThat(second.status()).isEqualTo(502);
        assertThat(proxy.meter("tether.pool.app.server.s1.stale-resends")).isZero();
      });
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void aConnectionThatBreaksAfterTheStatusLineIsAFailureOfTheServer() throws Exception {
    // The server had begun to answer: it was not a connection closed while idle.
    try (RawServer server = RawServer.answeringOnceThenCutting(OK, "HTTP/1.1 200 OK\r\n")) {
      afterOneAnswer(server, "GET /2 HTTP/1.1\r\nHost: t\r\n\r\n",
          (proxy, second) -> assertThat(second.status()).isEqualTo(502));
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

  @Test
  void aRequestIsSentAgainThreeTimesAtMost() throws Exception {
    int pooled = 4;
    ExecutorService clients = Executors.newFixedThreadPool(pooled);
    try (RawServer server = RawServer.answeringOnceTogetherThenDropping(pooled, OK);
        RunningProxy proxy = start(server)) {
      // Requests in flight together leave that many connections in the pool, each of which has answered once.
      List<CompletableFuture<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < pooled; i++) {
        statuses.add(
            CompletableFuture.supplyAsync(() -> status(proxy, "GET /first HTTP/1.1\r\nHost: t\r\n\r\n"), clients));
      }
      for (CompletableFuture<Integer> status : statuses) {
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
      }

      // Every pooled connection is stale: three sends again, then the failure is the client's answer.
      assertThat(status(proxy, "GET /last HTTP/1.1\r\nHost: t\r\n\r\n")).isEqualTo(502);
      assertThat(server.requests()).isEqualTo(pooled + 4);
      assertThat(proxy.meter("tether.pool.app.server.s1.stale-resends")).isEqualTo(3);
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Sends a GET that {@code server} answers, then {@code second} on the same client connection (the
   * test proxy has one I/O thread, so it finds the first one's server connection pooled), and checks
   * the second response.
   */
  private static void afterOneAnswer(RawServer server, String second, BiConsumer<RunningProxy, RawHttp.Response> check)
      throws IOException {
    try (RunningProxy proxy = start(server);
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);
      check.accept(proxy, raw.send(second).readResponse());
    }
  }

  private static int status(RunningProxy proxy, String request) {
    try (RawHttp raw = new RawHttp(proxy.port())) {
      return raw.send(request).readResponse().status();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RunningProxy start(RawServer server) {
    return RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
  }
}
