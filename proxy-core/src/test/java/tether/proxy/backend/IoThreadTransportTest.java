package tether.proxy.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import tether.proxy.config.BackendConfig;
import tether.proxy.forward.BackendClient;

class IoThreadTransportTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private XnioWorker worker;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("hello")));
    worker =
        Xnio.getInstance()
            .createWorker(
                OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, 2)
                    .set(Options.WORKER_TASK_CORE_THREADS, 1)
                    .set(Options.WORKER_TASK_MAX_THREADS, 1)
                    .getMap());
    client = client(Duration.ofSeconds(30));
  }

  private static HttpClient client(Duration idleTimeout) throws Exception {
    return BackendClient.start(new BackendConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), idleTimeout, 8, 16), 2);
  }

  @AfterEach
  void stop() throws Exception {
    client.stop();
    worker.shutdownNow();
    assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theResponseArrivesOnTheTransportsThreadWhicheverThreadSends() throws Exception {
    for (int i = 0; i < 2; i++) {
      XnioIoThread thread = worker.getIoThread(i);
      IoThreadTransport transport = new IoThreadTransport(thread);

      Delivery fromItsThread = sendFrom(thread, request(transport, "/a"));
      Delivery fromElsewhere = send(request(transport, "/b"));

      assertThat(fromItsThread.result.get(5, TimeUnit.SECONDS).isSucceeded()).isTrue();
      assertThat(fromItsThread.thread.get(5, TimeUnit.SECONDS)).isSameAs(thread);
      assertThat(fromElsewhere.result.get(5, TimeUnit.SECONDS).isSucceeded()).isTrue();
      assertThat(fromElsewhere.thread.get(5, TimeUnit.SECONDS)).isSameAs(thread);
    }
  }

  @Test
  void requestsOneAfterAnotherReuseOneConnection() throws Exception {
    XnioIoThread thread = worker.getIoThread(0);
    IoThreadTransport transport = new IoThreadTransport(thread);
    for (int i = 0; i < 5; i++) {
      Result result = sendFrom(thread, request(transport, "/r" + i)).result.get(5, TimeUnit.SECONDS);
      assertThat(result.getResponse().getStatus()).isEqualTo(200);
    }

    assertThat(connections(transport)).isEqualTo(1);
  }

  @Test
  void eachThreadKeepsItsOwnConnections() throws Exception {
    IoThreadTransport first = new IoThreadTransport(worker.getIoThread(0));
    IoThreadTransport second = new IoThreadTransport(worker.getIoThread(1));

    assertThat(request(first, "/1").send().getContentAsString()).isEqualTo("hello");
    assertThat(request(second, "/2").send().getContentAsString()).isEqualTo("hello");

    assertThat(client.resolveDestination(request(first, "/")))
        .isNotSameAs(client.resolveDestination(request(second, "/")));
    assertThat(connections(first)).isEqualTo(1);
    assertThat(connections(second)).isEqualTo(1);
  }

  @Test
  void stoppingTheI_OThreadsDropsTheServerConnectionsFromThePool() throws Exception {
    IoThreadTransport transport = new IoThreadTransport(worker.getIoThread(0));
    assertThat(request(transport, "/").send().getStatus()).isEqualTo(200);
    assertThat(connections(transport)).isEqualTo(1);

    worker.shutdown();

    await().atMost(Duration.ofSeconds(5)).until(() -> connections(transport) == 0);
  }

  @Test
  void aRefusedConnectionFailsAsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    XnioIoThread thread = worker.getIoThread(0);
    Request request = client.newRequest("http://127.0.0.1:" + closedPort + "/").transport(new IoThreadTransport(thread));

    Throwable failure = sendFrom(thread, request).result.get(5, TimeUnit.SECONDS).getFailure();

    assertThat(failure).isInstanceOf(ConnectException.class);
  }

  @Test
  void aStoppedThreadFailsTheConnectWithAReason() throws Exception {
    IoThreadTransport transport = new IoThreadTransport(worker.getIoThread(0));
    worker.shutdown();
    assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

    Throwable failure = send(request(transport, "/")).result.get(5, TimeUnit.SECONDS).getFailure();

    assertThat(failure).isInstanceOf(ConnectException.class).hasMessageContaining("Could not connect to");
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    client.stop();
    client = client(Duration.ofMillis(300));
    IoThreadTransport transport = new IoThreadTransport(worker.getIoThread(0));
    assertThat(request(transport, "/").send().getStatus()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(5)).until(() -> connections(transport) == 0);
  }

  @Test
  void aRequestsShorterIdleTimeoutEndsItsExchangeOnTime() throws Exception {
    server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
    IoThreadTransport transport = new IoThreadTransport(worker.getIoThread(0));

    // The connection's own idle timeout is 30 s; the result must come long before it, or before the server.
    Result result = send(request(transport, "/slow").idleTimeout(200, TimeUnit.MILLISECONDS))
        .result.get(5, TimeUnit.SECONDS);

    assertThat(result.getFailure()).isInstanceOf(TimeoutException.class);
  }

  @Test
  void aBusyConnectionOutlivesItsIdleTimeoutAndClosesOnceIdle() throws Exception {
    client.stop();
    client = client(Duration.ofMillis(300));
    server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(900)));
    IoThreadTransport transport = new IoThreadTransport(worker.getIoThread(0));

    // The connection's first check comes at 300 ms, mid-exchange, and finds the request's 5 s not spent.
    Result result = send(request(transport, "/slow").idleTimeout(5, TimeUnit.SECONDS)).result.get(5, TimeUnit.SECONDS);

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> connections(transport) == 0);
  }

  @Test
  void aBodyNobodyReadsYetTurnsReadEventsOffUntilItIsAskedFor() throws Exception {
    int size = 4 << 20;
    server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody(new byte[size])));
    CompletableFuture<StreamConnection> opened = new CompletableFuture<>();
    client.addBean(new Connection.Listener() {
      @Override
      public void onOpened(Connection connection) {
        opened.complete((StreamConnection) connection.getEndPoint().getTransport());
      }
    });
    CompletableFuture<Content.Source> body = new CompletableFuture<>();
    Request request = request(new IoThreadTransport(worker.getIoThread(0)), "/big")
        .onResponseContentSource((response, source) -> body.complete(source));
    CompletableFuture<Result> result = new CompletableFuture<>();
    request.send(result::complete);
    StreamConnection connection = opened.get(5, TimeUnit.SECONDS);
    Content.Source source = body.get(5, TimeUnit.SECONDS);

    // The server's bytes wait in the socket, and the I/O thread is not told of them again and again.
    await().atMost(Duration.ofSeconds(5)).until(() -> !connection.getSourceChannel().isReadResumed());

    assertThat(drain(source).get(10, TimeUnit.SECONDS)).isEqualTo(size);
    assertThat(result.get(5, TimeUnit.SECONDS).isSucceeded()).isTrue();
  }

  /** Reads {@code source} to its end as the reads come, on whatever thread they come; the bytes read. */
  private static CompletableFuture<Long> drain(Content.Source source) {
    CompletableFuture<Long> total = new CompletableFuture<>();
    new Runnable() {
      long bytes;

      @Override
      public void run() {
        while (true) {
          Content.Chunk chunk = source.read();
          if (chunk == null) {
            source.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            total.completeExceptionally(chunk.getFailure());
            return;
          }
          bytes += chunk.remaining();
          chunk.release();
          if (chunk.isLast()) {
            total.complete(bytes);
            return;
          }
        }
      }
    }.run();
    return total;
  }

  private int connections(IoThreadTransport transport) {
    HttpDestination destination = (HttpDestination) client.resolveDestination(request(transport, "/"));
    return ((AbstractConnectionPool) destination.getConnectionPool()).getConnectionCount();
  }

  private Request request(IoThreadTransport transport, String path) {
    return client.newRequest("http://127.0.0.1:" + server.getPort() + path).transport(transport);
  }

  /** Sends from {@code thread}; records the result and the thread the response headers arrived on. */
  private static Delivery sendFrom(Executor thread, Request request) {
    Delivery delivery = new Delivery();
    request.onResponseHeaders(response -> delivery.thread.complete(Thread.currentThread()));
    thread.execute(() -> request.send(delivery.result::complete));
    return delivery;
  }

  /** As {@link #sendFrom}, sending from the calling thread. */
  private static Delivery send(Request request) {
    return sendFrom(Runnable::run, request);
  }

  private static final class Delivery {
    final CompletableFuture<Thread> thread = new CompletableFuture<>();
    final CompletableFuture<Result> result = new CompletableFuture<>();
  }
}
