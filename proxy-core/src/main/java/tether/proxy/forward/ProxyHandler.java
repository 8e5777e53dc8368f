package tether.proxy.forward;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Predicate;
import tether.proxy.affinity.ExchangeAffinityRequest;
import tether.proxy.affinity.Pinning;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;

/**
 * The proxy's root handler: finds the pool for a request, chooses a server, and hands the exchange to the
 * {@link Forwarder}. Every outcome that is not a forward is one named branch with its own status.
 */
public final class ProxyHandler implements HttpHandler {

  /** Finds the pool that serves an exchange, or {@code null} when no route matches. */
  @FunctionalInterface
  public interface PoolResolver {
    PoolTarget resolve(HttpServerExchange exchange);
  }

  private static final Predicate<Server> ANY = s -> true;

  private final PoolResolver routes;
  private final Forwarder forwarder;
  private final long maxBodyBytes;
  private final Meter noRoute;
  private final Meter noServer;
  private final Meter tooLarge;

  public ProxyHandler(
      PoolResolver routes, Forwarder forwarder, long maxBodyBytes, MetricRegistry registry) {
    this.routes = routes;
    this.forwarder = forwarder;
    this.maxBodyBytes = maxBodyBytes;
    this.noRoute = registry.meter("tether.responses.no-route");
    this.noServer = registry.meter("tether.responses.no-server");
    this.tooLarge = registry.meter("tether.responses.body-too-large");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    PoolTarget target = routes.resolve(exchange);
    if (target == null) {
      noRoute.mark();
      ErrorResponses.send(exchange, 404, "no route for this host and path", false);
      return;
    }
    if (exchange.getRequestContentLength() > maxBodyBytes) {
      tooLarge.mark();
      // The body stays unread, so the connection cannot carry another request.
      ErrorResponses.send(exchange, 413, "request body too large", true);
      return;
    }
    PoolSnapshot snapshot = target.pool().snapshot();
    PoolAffinity affinity = target.affinity();
    Server server = null;
    Sticky sticky = null;
    if (affinity != null) {
      ExchangeAffinityRequest view = new ExchangeAffinityRequest(exchange, forwarder.trustedProxies());
      Pinning pinning = affinity.pin(view, snapshot);
      if (pinning.refused()) {
        affinity.record(pinning.resolution());
        ErrorResponses.refuse(
            exchange, "the server holding this session is unavailable", affinity.retryAfterSeconds(), false);
        return;
      }
      server = pinning.server();
      sticky = new Sticky(affinity, view, pinning.resolution());
    }
    if (server == null) {
      server = snapshot.balancer().pick(ANY);
    }
    if (server == null) {
      noServer.mark();
      if (sticky != null) {
        sticky.record();
      }
      ErrorResponses.send(exchange, 503, "no server available in pool " + snapshot.name(), false);
      return;
    }
    forwarder.forward(exchange, snapshot, server, sticky);
  }
}
