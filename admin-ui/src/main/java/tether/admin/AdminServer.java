package tether.admin;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatcher;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.AdminEngine;

/**
 * The admin HTTP plane: the REST API the console and scripts use to read and steer the engine. Start
 * here; {@link ApiRoutes} lists the endpoints and {@link ApiHandler} runs each one.
 *
 * <pre>{@code
 * AdminServer admin = new AdminServer(settings, engine, Clock.systemUTC());
 * admin.start();
 * ...
 * admin.close();
 * }</pre>
 */
public final class AdminServer implements AutoCloseable {

  /** Admin traffic is a handful of people and scripts. */
  static final int IO_THREADS = 1;
  static final int WORKER_THREADS = 4;

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  private final AdminSettings settings;
  private final CsrfGuard csrf;
  private final List<Route> routes;
  private final RoutingHandler router;
  private Undertow undertow;
  private int port = -1;

  /**
   * @param clock what console sessions and audit entries read the time from
   */
  public AdminServer(AdminSettings settings, AdminEngine engine, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(clock, "clock");
    this.csrf = new CsrfGuard(settings.host());
    ConsoleSessions sessions = new ConsoleSessions(clock, settings.sessionTtl());
    Authenticator authenticator = new Authenticator(new TokenRegistry(settings.tokens()), sessions, new GuessLimiter(clock));
    AuditLog audit = new AuditLog();
    SessionActions session =
        new SessionActions(authenticator, sessions, csrf, settings.sessionTtl(), settings.secureCookie());
    this.routes = ApiRoutes.all(engine, session, audit);
    this.router = router(routes, authenticator, audit, clock);
  }

  /** Binds the listener; throws if the address is taken. */
  public synchronized void start() {
    if (undertow != null) {
      throw new IllegalStateException("The admin server is started already");
    }
    Undertow server = Undertow.builder()
        .addHttpListener(settings.port(), settings.host())
        .setIoThreads(IO_THREADS)
        .setWorkerThreads(WORKER_THREADS)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, ApiHandler.MAX_ENTITY_BYTES)
        .setHandler(router)
        .build();
    server.start();
    undertow = server;
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    csrf.listening(port);
    log.info("Admin API listening on {}:{} with {} token(s)", settings.host(), port, settings.tokens().size());
  }

  /** The port listened on, once started: the configured one, or the one chosen for port 0. */
  public synchronized int port() {
    if (undertow == null) {
      throw new IllegalStateException("The admin server is not started");
    }
    return port;
  }

  @Override
  public synchronized void close() {
    if (undertow != null) {
      undertow.stop();
      undertow = null;
    }
  }

  /** The endpoints as {@code "METHOD /template"}, for the test that compares them with the API document. */
  List<String> endpoints() {
    return routes.stream().map(Route::key).toList();
  }

  private RoutingHandler router(List<Route> routes, Authenticator authenticator, AuditLog audit, Clock clock) {
    RoutingHandler routing = new RoutingHandler(false);
    PathTemplateMatcher<Set<String>> methods = new PathTemplateMatcher<>();
    for (Route route : routes) {
      routing.add(route.method(), route.template(), new ApiHandler(route, authenticator, csrf, audit, clock));
      Set<String> allowed = methods.get(route.template());
      if (allowed == null) {
        allowed = new TreeSet<>();
        methods.add(route.template(), allowed);
      }
      allowed.add(route.method());
    }
    routing.setFallbackHandler(new ConsoleAssets(exchange -> Responses.error(exchange, new ApiProblem(404, null,
        "path: " + exchange.getRequestPath() + " (expected: an endpoint listed by GET /api/openapi.json)"))));
    routing.setInvalidMethodHandler(exchange -> notAllowed(exchange, methods));
    return routing;
  }

  private static void notAllowed(HttpServerExchange exchange, PathTemplateMatcher<Set<String>> methods) {
    var match = methods.match(exchange.getRelativePath());
    String allowed = match == null ? "" : String.join(", ", match.getValue());
    exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, allowed);
    Responses.error(exchange, new ApiProblem(405, null,
        "method: " + exchange.getRequestMethod() + " (expected: " + allowed + ")"));
  }
}
