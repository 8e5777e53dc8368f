package tether.proxy.testing;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A real Undertow server for streaming tests. {@code GET /download?bytes=N} streams N pseudo-random bytes;
 * {@code POST /upload} reads the whole body and answers "COUNT CRC32"; {@code GET /endless} writes until
 * the connection breaks and records that it did.
 */
public final class StreamingBackend implements AutoCloseable {

  private final Undertow server;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger posts = new AtomicInteger();
  private final CompletableFuture<Throwable> endlessBroken = new CompletableFuture<>();

  public StreamingBackend() {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(1)
            .setWorkerThreads(8)
            // Undertow's own default refuses bodies over 2 MiB; this server takes whatever comes.
            .setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
            .setHandler(new BlockingHandler(this::handle))
            .build();
    server.start();
  }

  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  /** POST requests whose body was read to the end. */
  public int posts() {
    return posts.get();
  }

  /** Completes with the write failure once a client of {@code /endless} is gone. */
  public CompletableFuture<Throwable> endlessBroken() {
    return endlessBroken;
  }

  /** The byte at {@code offset} of every download: cheap to check on the receiving side. */
  public static byte byteAt(long offset) {
    return (byte) (offset * 31 + (offset >>> 11));
  }

  private void handle(HttpServerExchange exchange) throws IOException {
    switch (exchange.getRequestPath()) {
      case "/download" -> download(exchange);
      case "/upload" -> upload(exchange);
      case "/endless" -> endless(exchange);
      default -> exchange.setStatusCode(404);
    }
  }

  private void download(HttpServerExchange exchange) throws IOException {
    long total = Long.parseLong(exchange.getQueryParameters().get("bytes").getFirst());
    exchange.setResponseContentLength(total);
    byte[] buffer = new byte[64 * 1024];
    OutputStream out = exchange.getOutputStream();
    long offset = 0;
    while (offset < total) {
      int n = (int) Math.min(buffer.length, total - offset);
      for (int i = 0; i < n; i++) {
        buffer[i] = byteAt(offset + i);
      }
      out.write(buffer, 0, n);
      offset += n;
      bytesSent.addAndGet(n);
    }
    out.close();
  }

  private void upload(HttpServerExchange exchange) throws IOException {
    CRC32 crc = new CRC32();
    long count = 0;
    byte[] buffer = new byte[64 * 1024];
    InputStream in = exchange.getInputStream();
    int n;
    while ((n = in.read(buffer)) >= 0) {
      crc.update(buffer, 0, n);
      count += n;
    }
    posts.incrementAndGet();
    exchange.getResponseSender().send(count + " " + crc.getValue());
  }

  private void endless(HttpServerExchange exchange) {
    byte[] buffer = new byte[16 * 1024];
    try {
      OutputStream out = exchange.getOutputStream();
      while (true) {
        out.write(buffer);
        out.flush();
        bytesSent.addAndGet(buffer.length);
      }
    } catch (IOException e) {
      endlessBroken.complete(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
