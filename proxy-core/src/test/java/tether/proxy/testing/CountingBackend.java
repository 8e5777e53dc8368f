package tether.proxy.testing;

import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server for failover tests: answers every request with its own id (body and
 * {@code X-Server}), reads request bodies whole, and counts each request by its {@code X-Request-Id} in a
 * map that several backends share, so that a test can prove no request was delivered twice.
 * {@code /health} answers 200 for active checks.
 */
public final class CountingBackend implements AutoCloseable {

  public static final HttpString REQUEST_ID = new HttpString("X-Request-Id");
  public static final HttpString SERVER = new HttpString("X-Server");

  private final String id;
  private final Undertow server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean stopped;

  private CountingBackend(String id, Map<String, AtomicInteger> deliveries) {
    this.id = id;
    this.server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(1)
            .setWorkerThreads(16)
            .setHandler(
                new BlockingHandler(
                    exchange -> {
                      if (!exchange.getRequestPath().equals("/health")) {
                        exchange.getInputStream().readAllBytes();
                        requests.incrementAndGet();
                        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID);
                        if (requestId != null) {
                          deliveries.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
                        }
                      }
                      exchange.getResponseHeaders().put(SERVER, id);
                      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                      exchange.getResponseSender().send(id);
                    }))
            .build();
  }

  /** Starts a backend on a free loopback port. */
  public static CountingBackend start(String id, Map<String, AtomicInteger> deliveries) {
    CountingBackend backend = new CountingBackend(id, deliveries);
    backend.server.start();
    return backend;
  }

  /** A map for {@link #start}: request id to the number of times any backend received it. */
  public static Map<String, AtomicInteger> deliveries() {
    return new ConcurrentHashMap<>();
  }

  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  public String id() {
    return id;
  }

  /** Requests other than health checks received so far. */
  public int requests() {
    return requests.get();
  }

  /** Stops at once, as a crash would: the listener closes and open connections are cut. */
  public void kill() {
    if (!stopped) {
      stopped = true;
      server.stop();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
