package tether.proxy.frontend;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The root handler the frontend tests serve, by path: {@code /upload} counts the request body and
 * answers how many bytes came; {@code /slow} answers only once {@link #release} completes;
 * {@code /upload-raw} upgrades the connection and answers once it has swallowed {@link
 * #UPGRADED_BYTES}; anything else answers 200 "ok".
 */
final class TestHandler implements HttpHandler {

  static final int UPGRADED_BYTES = 64 * 1024;

  final CompletableFuture<Void> slowStarted = new CompletableFuture<>();
  final CompletableFuture<Void> release = new CompletableFuture<>();

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    switch (exchange.getRequestPath()) {
      case "/upload" -> countBody(exchange);
      case "/slow" -> answerWhenReleased(exchange);
      case "/upload-raw" -> upgrade(exchange);
      default -> exchange.getResponseSender().send("ok");
    }
  }

  private static void countBody(HttpServerExchange exchange) {
    long[] received = {0};
    exchange
        .getRequestReceiver()
        .receivePartialBytes(
            (ex, chunk, last) -> {
              received[0] += chunk.length;
              if (last) {
                ex.getResponseSender().send("received " + received[0]);
              }
            });
  }

  private void answerWhenReleased(HttpServerExchange exchange) {
    // Dispatched without blocking any thread: the exchange simply stays open until released.
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> {
          slowStarted.complete(null);
          release.thenRunAsync(() -> exchange.getResponseSender().send("done"), exchange.getIoThread());
        });
  }

  private static void upgrade(HttpServerExchange exchange) {
    exchange.upgradeChannel(
        "raw",
        (connection, ex) -> {
          ConduitStreamSourceChannel source = connection.getSourceChannel();
          long[] received = {0};
          ByteBuffer buffer = ByteBuffer.allocate(8192);
          source.setReadListener(
              (ChannelListener<ConduitStreamSourceChannel>)
                  channel -> swallow(connection, channel, buffer, received));
          source.resumeReads();
        });
    exchange.endExchange();
  }

  private static void swallow(
      StreamConnection connection, ConduitStreamSourceChannel channel, ByteBuffer buffer, long[] received) {
    try {
      int n;
      while ((n = channel.read(buffer.clear())) > 0) {
        received[0] += n;
      }
      if (received[0] >= UPGRADED_BYTES) {
        channel.suspendReads();
        connection.getSinkChannel().write(ByteBuffer.wrap(("got " + received[0] + "\n").getBytes(StandardCharsets.US_ASCII)));
        connection.getSinkChannel().flush();
        IoUtils.safeClose(connection);
      } else if (n < 0) {
        IoUtils.safeClose(connection);
      }
    } catch (IOException e) {
      IoUtils.safeClose(connection);
    }
  }
}
