package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.xnio.XnioIoThread;
import tether.proxy.backend.IoThreadTransport;
import tether.proxy.config.BackendConfig;
import tether.proxy.config.ForwardedConfig;
import tether.proxy.config.HostPort;
import tether.proxy.pool.Server;

/**
 * Sends client exchanges to servers through one shared {@link HttpClient}: builds each request's head
 * from the client's, and writes the head of each server response back to the client's exchange.
 */
public final class Forwarder {

  private final HttpClient client;
  private final ForwardedHeaders forwarded;
  private final boolean preserveHost;
  private final long responseTimeoutMillis;
  private final long maxBodyBytes;
  // Made once: every request's view asks for it.
  private final Predicate<InetAddress> trustedProxies;
  // Parsed once per server address rather than once per request.
  private final ConcurrentMap<HostPort, URI> origins = new ConcurrentHashMap<>();
  // Each client I/O thread has its own server connections (see tether.proxy.backend).
  private final ConcurrentMap<XnioIoThread, ThreadLinks> links = new ConcurrentHashMap<>();

  public Forwarder(
      HttpClient client,
      BackendConfig backend,
      ForwardedConfig forwarded,
      long maxBodyBytes) {
    this.client = client;
    this.maxBodyBytes = maxBodyBytes;
    this.forwarded = new ForwardedHeaders(forwarded);
    this.trustedProxies = this.forwarded::isTrusted;
    this.preserveHost = forwarded.preserveHost();
    this.responseTimeoutMillis = backend.responseTimeout().toMillis();
  }

  /**
   * Takes over {@code exchange} and forwards it to {@code server}, falling back to other servers of
   * {@code pool} when a connection cannot be made. Call on the exchange's I/O thread, from a handler.
   *
   * @param sticky the exchange's affinity, or {@code null} when the pool keeps none
   */
  void forward(HttpServerExchange exchange, PoolTarget pool, Server server, Sticky sticky, Plan plan) {
    ProxyExchange proxied = new ProxyExchange(this, exchange, pool, sticky, plan);
    // Sending from the dispatch task, not the handler, means Undertow has finished its own bookkeeping
    // on the exchange before any response event can arrive on another thread.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> proxied.start(server));
  }

  /** Makes {@code exchange}'s request to {@code server}, over {@code links}: those of the exchange's I/O thread. */
  Request newRequest(
      ThreadLinks links,
      HttpServerExchange exchange,
      Server server,
      RequestBody body,
      Set<String> stripCookies,
      Plan plan) {
    Request request =
        client
            .newRequest(origins.computeIfAbsent(server.address(), Forwarder::origin))
            .transport(links.transport())
            .method(exchange.getRequestMethod().toString())
            .path(plan.target())
            .idleTimeout(plan.responseTimeoutMillis(), TimeUnit.MILLISECONDS)
            .headers(
                headers -> {
                  HopByHop.copyRequestHeaders(
                      exchange.getRequestHeaders(), headers, preserveHost, stripCookies);
                  forwarded.write(exchange, headers);
                  HeaderOps.apply(plan.requestHeaders(), headers);
                });
    if (body != null) {
      request.body(body);
    }
    return request;
  }

  /** Sends {@code request}, made by {@link #newRequest} with {@code links} for {@code server}. */
  void send(ThreadLinks links, Request request, Server server, Response.CompleteListener listener) {
    ConcurrentMap<HostPort, Destination> destinations = links.destinations();
    Destination destination = destinations.get(server.address());
    if (destination == null) {
      try {
        destination = destinations.computeIfAbsent(server.address(), a -> client.resolveDestination(request));
      } catch (RuntimeException e) {
        // The client library's own way reports the failure to the listener.
        request.send(listener);
        return;
      }
    }
    try {
      destination.send(request, listener);
    } catch (RuntimeException e) {
      // As Request.send does: the abort reaches the listener.
      request.abort(e);
    }
  }

  /** The links of {@code exchange}'s I/O thread; an exchange looks them up once, retries included. */
  ThreadLinks links(HttpServerExchange exchange) {
    XnioIoThread thread = exchange.getIoThread();
    ThreadLinks found = links.get(thread);
    return found != null ? found : links.computeIfAbsent(thread, ThreadLinks::new);
  }

  /**
   * One client I/O thread's way to the servers: its transport and, per server address, the destination
   * (the client's connection pool) looked up once. Request.send would look the destination up for every
   * request, after a redirect cache that a proxy, which never follows redirects, has no use for. The
   * client keeps destinations for good (BackendClient sets no destination idle timeout).
   */
  record ThreadLinks(IoThreadTransport transport, ConcurrentMap<HostPort, Destination> destinations) {
    ThreadLinks(XnioIoThread thread) {
      this(new IoThreadTransport(thread), new ConcurrentHashMap<>());
    }
  }

  /** Clients whose own forwarding headers are believed. */
  Predicate<InetAddress> trustedProxies() {
    return trustedProxies;
  }

  long maxBodyBytes() {
    return maxBodyBytes;
  }

  private static URI origin(HostPort address) {
    return URI.create("http://" + address);
  }

  /**
   * Writes the head of the server's {@code response} to {@code exchange}: its status, its headers less
   * the hop-by-hop ones, Tether's Via, and the route's response header rules.
   */
  void writeResponseHead(HttpServerExchange exchange, Response response, Plan plan) {
    exchange.setStatusCode(response.getStatus());
    HeaderMap headers = exchange.getResponseHeaders();
    HopByHop.copyResponseHeaders(response.getHeaders(), headers);
    String via = forwarded.responseVia(exchange, headers.getFirst(Headers.VIA));
    if (via != null) {
      headers.put(Headers.VIA, via);
    }
    HeaderOps.apply(plan.responseHeaders(), headers);
  }

  /** The longest silence allowed from a server when the route sets none. */
  long responseTimeoutMillis() {
    return responseTimeoutMillis;
  }
}
