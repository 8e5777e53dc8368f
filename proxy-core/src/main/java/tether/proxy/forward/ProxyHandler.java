package tether.proxy.forward;

import tether.proxy.frontend.RequestTargets;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.function.Predicate;
import tether.proxy.affinity.Pinning;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.balance.Balancer;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;
import tether.routing.Action;
import tether.routing.RouteResult;
import tether.routing.RouteTableHolder;
import tether.routing.RuleSpec;

/**
 * The proxy's root handler. It asks "where?" (rule, pool, server) and then hands the exchange to the
 * {@link Forwarder}; every outcome that is not a forward is one named branch with its own status: a path
 * that could be read two ways 400, no route 404, body too large 413, a WebSocket handshake 501 (not carried
 * yet), no server 503, a session whose server is gone and whose pool insists 503 with Retry-After; and the
 * route's own redirects and fixed answers.
 */
public final class ProxyHandler implements HttpHandler {

  /** The per-rule affinity value that turns a pool's affinity off for that route. */
  public static final String AFFINITY_NONE = "none";

  private static final Predicate<Server> ANY = s -> true;
  private static final Predicate<Server> HAS_FREE_SLOT = s -> !s.slots().full();

  private final RouteTableHolder routes;
  private final PoolLookup pools;
  private final Forwarder forwarder;
  private final long maxBodyBytes;
  private final Meter badPath;
  private final Meter noRoute;
  private final Meter noServer;
  private final Meter tooLarge;
  private final Meter webSocket;

  public ProxyHandler(
      RouteTableHolder routes,
      PoolLookup pools,
      Forwarder forwarder,
      long maxBodyBytes,
      MetricRegistry registry) {
    this.routes = routes;
    this.pools = pools;
    this.forwarder = forwarder;
    this.maxBodyBytes = maxBodyBytes;
    this.badPath = registry.meter("tether.responses.bad-path");
    this.noRoute = registry.meter("tether.responses.no-route");
    this.noServer = registry.meter("tether.responses.no-server");
    this.tooLarge = registry.meter("tether.responses.body-too-large");
    this.webSocket = registry.meter("tether.responses.websocket-refused");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long start = System.nanoTime();
    RequestView view = new RequestView(exchange, forwarder.trustedProxies());
    RouteResult result = routes.route(view);
    if (result instanceof RouteResult.Routed routed) {
      routed(exchange, view, routed, start);
    } else if (result instanceof RouteResult.BadPath bad) {
      badPath.mark();
      logOwn(exchange, 400, null, null, start);
      // The rest of this client's stream may be framed as oddly as its path.
      ErrorResponses.send(exchange, 400, "bad path: " + bad.reason(), true);
    } else {
      noRoute.mark();
      logOwn(exchange, 404, null, null, start);
      ErrorResponses.send(exchange, 404, "no route for this host and path", false);
    }
  }

  /** Logs an answer Tether gives without a server; forwarded exchanges log themselves. */
  private static void logOwn(HttpServerExchange exchange, int status, String pool, Sticky sticky, long start) {
    if (AccessLog.enabled()) {
      AccessLog.write(exchange, status, pool, null, sticky == null ? null : sticky.resolution(), 0, 0, start);
    }
  }

  private void routed(HttpServerExchange exchange, RequestView view, RouteResult.Routed routed, long start) {
    RuleSpec rule = routed.rule();
    Action action = routed.action();
    boolean keepsAffinity = !AFFINITY_NONE.equals(rule.affinity());
    if (action instanceof Action.Respond fixed) {
      logOwn(exchange, fixed.status(), null, null, start);
      Answers.fixed(exchange, fixed, rule.responseHeaders());
      return;
    }
    if (action instanceof Action.Redirect redirect && !redirect.needsServer()) {
      logOwn(exchange, redirect.status(), null, null, start);
      Answers.redirect(exchange, redirect.status(), redirect.location(null, routed.forwardPath(), rawQuery(exchange)), rule.responseHeaders());
      return;
    }
    if (!(action instanceof Action.Redirect) && asksForWebSocket(exchange)) {
      webSocket.mark();
      logOwn(exchange, 501, null, null, start);
      // Forwarded as plain HTTP, the handshake would reach the server without its Upgrade header and
      // fail there in a way that names no cause.
      ErrorResponses.send(exchange, 501, "WebSocket is not supported: Tether forwards HTTP requests only", false);
      return;
    }
    if (exchange.getRequestContentLength() > maxBodyBytes) {
      tooLarge.mark();
      logOwn(exchange, 413, null, null, start);
      // The body stays unread, so the connection cannot carry another request.
      ErrorResponses.send(exchange, 413, "request body too large", true);
      return;
    }
    String poolName = poolOf(action, view, keepsAffinity);
    PoolTarget target = pools.target(poolName);
    if (target == null) {
      // Routed by a table that a reload has just replaced, to a pool that reload removed.
      noServer.mark();
      logOwn(exchange, 503, poolName, null, start);
      ErrorResponses.send(exchange, 503, "no such pool any more: " + poolName, false);
      return;
    }
    PoolSnapshot snapshot = target.pool().snapshot();
    PoolAffinity affinity = keepsAffinity ? target.affinity() : null;
    Server server = null;
    Sticky sticky = null;
    if (affinity != null) {
      Pinning pinning = affinity.pin(view, snapshot);
      if (pinning.refused()) {
        affinity.recordRefused(pinning.resolution());
        logOwn(exchange, 503, poolName, new Sticky(affinity, view, pinning.resolution()), start);
        ErrorResponses.refuse(
            exchange, "the server holding this session is unavailable", affinity.retryAfterSeconds(), false);
        return;
      }
      server = pinning.server();
      sticky = new Sticky(affinity, view, pinning.resolution());
    }
    if (server == null) {
      Balancer balancer = snapshot.balancer();
      long hash = balancer.usesHash() ? RequestHash.of(target.hashKey(), view) : 0;
      // A server with a free slot first; when every one is full, the request queues at the chosen one.
      server = balancer.pick(HAS_FREE_SLOT, hash);
      if (server == null) {
        server = balancer.pick(ANY, hash);
      }
    }
    if (server == null) {
      noServer.mark();
      if (sticky != null) {
        sticky.record();
      }
      logOwn(exchange, 503, poolName, sticky, start);
      ErrorResponses.send(exchange, 503, "no server available in pool " + snapshot.name(), false);
      return;
    }
    if (action instanceof Action.Redirect redirect) {
      if (AccessLog.enabled()) {
        AccessLog.write(exchange, redirect.status(), poolName, server.id(), sticky == null ? null : sticky.resolution(),
            0, 0, start);
      }
      redirectToServer(exchange, routed, redirect, server, sticky);
      return;
    }
    Duration routeTimeout = rule.timeouts().get("response");
    Plan plan =
        new Plan(
            RequestTargets.withQuery(routed.forwardPath(), exchange),
            rule.requestHeaders(),
            rule.responseHeaders(),
            routeTimeout == null ? forwarder.responseTimeoutMillis() : routeTimeout.toMillis());
    forwarder.forward(exchange, target, server, sticky, plan);
  }

  /** Sends the client to the chosen server itself, writing affinity so that it is chosen again. */
  private static void redirectToServer(
      HttpServerExchange exchange, RouteResult.Routed routed, Action.Redirect redirect, Server server, Sticky sticky) {
    if (server.publicUrl() == null) {
      ErrorResponses.send(exchange, 503, "server " + server.id() + " has no public URL to redirect to", false);
      return;
    }
    String location = redirect.location(server.publicUrl(), routed.forwardPath(), rawQuery(exchange));
    exchange.getResponseHeaders().put(Headers.LOCATION, location);
    if (sticky != null) {
      sticky.respond(server.id(), exchange);
      sticky.record();
    }
    Answers.redirect(exchange, redirect.status(), location, routed.rule().responseHeaders());
  }

  private String poolOf(Action action, RequestView view, boolean affinity) {
    if (action instanceof Action.Forward forward) {
      return forward.pool();
    }
    if (action instanceof Action.Split split) {
      return SplitChoice.pool(split, view, pools, affinity);
    }
    return ((Action.Redirect) action).pool();
  }

  /** Whether {@code Upgrade} lists the token {@code websocket}; other upgrades (h2c) are ignored, as RFC 9110 lets a server do. */
  static boolean asksForWebSocket(HttpServerExchange exchange) {
    HeaderValues upgrade = exchange.getRequestHeaders().get(Headers.UPGRADE);
    if (upgrade == null) {
      return false;
    }
    for (String value : upgrade) {
      for (String token : value.split(",")) {
        if (token.trim().equalsIgnoreCase("websocket")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String rawQuery(HttpServerExchange exchange) {
    String query = exchange.getQueryString();
    return query.isEmpty() ? null : query;
  }
}
