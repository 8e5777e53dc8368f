package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import tether.proxy.config.BackendConfig;
import tether.proxy.config.ForwardedConfig;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;

/** Sends client exchanges to servers through one shared {@link HttpClient}. */
public final class Forwarder {

  private final HttpClient client;
  private final ForwardedHeaders forwarded;
  private final boolean preserveHost;
  private final long responseTimeoutMillis;
  private final long maxBodyBytes;

  public Forwarder(
      HttpClient client, BackendConfig backend, ForwardedConfig forwarded, long maxBodyBytes) {
    this.client = client;
    this.maxBodyBytes = maxBodyBytes;
    this.forwarded = new ForwardedHeaders(forwarded);
    this.preserveHost = forwarded.preserveHost();
    this.responseTimeoutMillis = backend.responseTimeout().toMillis();
  }

  /**
   * Takes over {@code exchange} and forwards it to {@code server}, falling back to other servers of
   * {@code pool} when a connection cannot be made. Call on the exchange's I/O thread, from a handler.
   */
  public void forward(HttpServerExchange exchange, PoolSnapshot pool, Server server) {
    ProxyExchange proxied = new ProxyExchange(this, exchange, pool);
    // Sending from the dispatch task, not the handler, means Undertow has finished its own bookkeeping
    // on the exchange before any response event can arrive on another thread.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> proxied.start(server));
  }

  Request newRequest(HttpServerExchange exchange, Server server, RequestBody body) {
    Request request =
        client
            .newRequest(server.address().host(), server.address().port())
            .method(exchange.getRequestMethod().toString())
            .path(target(exchange))
            .idleTimeout(responseTimeoutMillis, TimeUnit.MILLISECONDS)
            .headers(
                headers -> {
                  HopByHop.copyRequestHeaders(exchange.getRequestHeaders(), headers, preserveHost);
                  forwarded.write(exchange, headers);
                });
    if (body != null) {
      request.body(body);
    }
    return request;
  }

  long maxBodyBytes() {
    return maxBodyBytes;
  }

  String responseVia(HttpServerExchange exchange, String prior) {
    return forwarded.responseVia(exchange, prior);
  }

  /** The request target as the client sent it: path with its parameters, undecoded, and the query. */
  private static String target(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (exchange.isHostIncludedInRequestURI()) {
      int slash = uri.indexOf('/', uri.indexOf("//") + 2);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    String query = exchange.getQueryString();
    return query.isEmpty() ? uri : uri + '?' + query;
  }
}
