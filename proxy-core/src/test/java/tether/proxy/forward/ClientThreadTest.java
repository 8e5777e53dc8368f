package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tether.proxy.testing.RawHttp;

/** Where and when the steps handed to {@link ClientThread} run, on a real Undertow listener. */
class ClientThreadTest {

  private final List<String> steps = new CopyOnWriteArrayList<>();

  @Test
  void onTheIoThreadAStepPutOffToTheEndOfTheTurnRunsAfterTheCurrentOne() throws Exception {
    int status = exchangeWith(exchange -> {
      steps.add("handler starts");
      ClientThread.afterTurn(exchange, () -> {
        steps.add("after the turn, on the I/O thread: " + exchange.isInIoThread());
        exchange.endExchange();
      });
      steps.add("handler returns");
    });

    assertThat(status).isEqualTo(200);
    assertThat(steps).containsExactly(
        "handler starts", "handler returns", "after the turn, on the I/O thread: true");
  }

  @Test
  void offTheIoThreadAStepPutOffToTheEndOfTheTurnRunsAtOnce() throws Exception {
    int status = exchangeWith(exchange -> {
      if (exchange.isInIoThread()) {
        exchange.dispatch(this::offTheIoThread);
      }
    });

    assertThat(status).isEqualTo(200);
    assertThat(steps).containsExactly("handler starts", "the step", "handler returns");
  }

  private void offTheIoThread(HttpServerExchange exchange) {
    steps.add("handler starts");
    ClientThread.afterTurn(exchange, () -> steps.add("the step"));
    steps.add("handler returns");
    exchange.endExchange();
  }

  /** The status of one request to a listener running {@code handler}. */
  private static int exchangeWith(HttpHandler handler) throws Exception {
    Undertow server = Undertow.builder().setIoThreads(1).addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    server.start();
    try {
      int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
      try (RawHttp raw = new RawHttp(port)) {
        raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        return raw.readResponse().status();
      }
    } finally {
      server.stop();
    }
  }
}
