package tether.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.QueueConfig;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** A server that takes one request at a time: the rest wait in its queue, or are told it is busy. */
class QueueTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger served = new AtomicInteger();
  private Undertow server;

  @BeforeEach
  void start() {
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(new BlockingHandler(exchange -> {
          if (exchange.getRequestPath().equals("/hold")) {
            release.await(30, TimeUnit.SECONDS);
          }
          served.incrementAndGet();
          exchange.getResponseSender().send("done");
        }))
        .build();
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop();
  }

  private int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  private static CompletableFuture<RawHttp.Response> get(RunningProxy proxy, String path) {
    return CompletableFuture.supplyAsync(() -> {
      try (RawHttp raw = new RawHttp(proxy.port())) {
        return raw.send("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void requestsWaitForASlotAndAreRefusedWhenTheQueueIsFull() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create()
        .pool("app", port())
        .tune("app", p -> p.withQueue(new QueueConfig(1, 1, Duration.ofSeconds(20))))
        .route("/", "app"))) {
      String queueLength = "tether.pool.app.server.s1.queue-length";
      CompletableFuture<RawHttp.Response> holding = get(proxy, "/hold");
      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.tether().pool("app").snapshot().server("s1").slots().inUse() == 1);
      CompletableFuture<RawHttp.Response> waiting = get(proxy, "/next");
      await().atMost(Duration.ofSeconds(10)).until(() -> gauge(proxy, queueLength) == 1.0);

      try (RawHttp raw = new RawHttp(proxy.port())) {
        RawHttp.Response refused = raw.send("GET /third HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.bodyText()).contains("server s1 is busy: its queue is full");
      }
      assertThat(waiting).isNotDone();

      release.countDown();
      assertThat(holding.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(waiting.get(10, TimeUnit.SECONDS).bodyText()).isEqualTo("done");
      assertThat(served.get()).isEqualTo(2);
      assertThat(gauge(proxy, queueLength)).isZero();
      // The slot is given back when the exchange ends, just after the last byte reached the client.
      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.tether().pool("app").snapshot().server("s1").slots().inUse() == 0);
      assertThat(gauge(proxy, "tether.pool.app.server.s1.effective-weight")).isEqualTo(1.0);
    }
  }

  @Test
  void aQueuedRequestGives503AfterTheQueueTimeout() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(TestConfig.create()
        .pool("app", port())
        .tune("app", p -> p.withQueue(new QueueConfig(1, 10, Duration.ofMillis(300))))
        .route("/", "app"))) {
      CompletableFuture<RawHttp.Response> holding = get(proxy, "/hold");
      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.tether().pool("app").snapshot().server("s1").slots().inUse() == 1);
      RawHttp.Response late = get(proxy, "/next").get(10, TimeUnit.SECONDS);
      assertThat(late.status()).isEqualTo(503);
      assertThat(late.bodyText()).contains("no slot came free in time");
      release.countDown();
      assertThat(holding.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(served.get()).isEqualTo(1);
    }
  }

  private static double gauge(RunningProxy proxy, String name) {
    return ((Number) proxy.tether().metrics().getGauges().get(name).getValue()).doubleValue();
  }
}
