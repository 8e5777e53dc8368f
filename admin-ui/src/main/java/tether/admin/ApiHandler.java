package tether.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.Route.Access;
import tether.admin.Route.Body;
import tether.admin.engine.AdminException;

/**
 * Runs one {@link Route}: checks the caller, the CSRF defences and the body, calls the action and
 * writes its answer, then audits a change.
 *
 * <p>Threads: the checks run on the I/O thread (they hash a token and look up a map); the body is
 * received there without blocking; the action, which calls the engine, always runs on a worker. A
 * long-poll's answer comes later from whichever thread completes it and is handed back to a worker,
 * so no thread waits for it.
 */
final class ApiHandler implements HttpHandler {

  static final int MAX_BODY_BYTES = 1 << 20;
  /**
   * How much of a request body the listener reads at all: a refused body is read and dropped up to
   * this, to keep the connection; beyond it the connection is closed.
   */
  static final long MAX_ENTITY_BYTES = 16 << 20;

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final int AUDITED_BODY_CHARS = 500;

  private final Route route;
  private final Authenticator authenticator;
  private final CsrfGuard csrf;
  private final AuditLog audit;
  private final Clock clock;

  ApiHandler(Route route, Authenticator authenticator, CsrfGuard csrf, AuditLog audit, Clock clock) {
    this.route = route;
    this.authenticator = authenticator;
    this.csrf = csrf;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Caller caller;
    try {
      caller = admit(exchange);
    } catch (ApiProblem problem) {
      Responses.error(exchange, problem);
      return;
    }
    if (route.body() == Body.NONE) {
      exchange.dispatch(ex -> run(ex, caller, null));
      return;
    }
    // Past the buffer limit the body is refused with 413 and the rest is read and dropped, so that the
    // client sees the answer rather than a reset connection (up to the listener's entity limit).
    Receiver receiver = exchange.getRequestReceiver();
    receiver.setMaxBufferSize(MAX_BODY_BYTES);
    receiver.receiveFullBytes((ex, bytes) -> ex.dispatch(next -> run(next, caller, bytes)), this::unreadable);
  }

  /** Who is calling, once they may call this route at all; null on a public route. */
  private Caller admit(HttpServerExchange exchange) {
    if (route.access() == Access.PUBLIC) {
      return null;
    }
    Caller caller = authenticator.authenticate(exchange);
    if (route.access() == Access.CHANGE && !caller.mayChange()) {
      throw new ApiProblem(403, null,
          "role: " + Wire.name(caller.role()) + " (expected: operator, to change anything)");
    }
    if (caller.viaSession() && !isSafe(exchange)) {
      csrf.check(exchange, caller.session());
    }
    return caller;
  }

  private void run(HttpServerExchange exchange, Caller caller, byte[] bytes) {
    try {
      JsonNode body = null;
      String raw = null;
      if (bytes != null && bytes.length > 0) {
        requireJson(exchange);
        body = Json.parse(bytes);
        raw = new String(bytes, StandardCharsets.UTF_8);
      } else if (route.body() == Body.REQUIRED) {
        throw ApiProblem.badRequest("body", "body: empty (expected: a JSON object)");
      }
      Call call = new Call(exchange, caller, body, raw);
      Reply reply = route.action().handle(call);
      if (route.access() == Access.CHANGE) {
        audit(exchange, call);
      }
      if (reply.later() != null) {
        answerLater(exchange, reply.later());
      } else {
        Responses.json(exchange, reply.status(), reply.body());
      }
    } catch (RuntimeException e) {
      fail(exchange, e);
    }
  }

  private void answerLater(HttpServerExchange exchange, CompletableFuture<Reply> later) {
    // Keeps the exchange open after this handler returns; the answer is written when `later` completes.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> later.whenComplete((reply, error) ->
        exchange.dispatch(exchange.getConnection().getWorker(), (HttpHandler) ex -> {
          if (error != null) {
            fail(ex, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
          } else {
            Responses.json(ex, reply.status(), reply.body());
          }
        })));
  }

  private void fail(HttpServerExchange exchange, Throwable error) {
    if (error instanceof ApiProblem problem) {
      Responses.error(exchange, problem);
    } else if (error instanceof AdminException refused) {
      Responses.error(exchange, ApiProblem.from(refused));
    } else {
      log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), error);
      Responses.error(exchange, new ApiProblem(500, null,
          "server: " + error.getClass().getSimpleName() + " (expected: no error; the proxy's log has more)"));
    }
  }

  private void unreadable(HttpServerExchange exchange, IOException e) {
    if (e instanceof Receiver.RequestToLargeException || e instanceof RequestTooBigException) {
      Responses.error(exchange, new ApiProblem(413, "body",
          "body: more than " + MAX_BODY_BYTES + " bytes (expected: at most 1 MiB)"));
    } else {
      log.debug("{} {}: the request body could not be read", exchange.getRequestMethod(),
          exchange.getRequestPath(), e);
      exchange.setPersistent(false);
      exchange.endExchange();
    }
  }

  private void audit(HttpServerExchange exchange, Call call) {
    String query = exchange.getQueryString();
    String path = exchange.getRequestPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    String request = call.rawBody() == null ? "" : summary(call.rawBody());
    audit.record(new AuditEntry(clock.instant(), call.caller().name(), call.caller().via(),
        exchange.getRequestMethod().toString(), path, request,
        Json.tree(call.before()), Json.tree(call.after())));
  }

  /** The body on one line and cut short: enough to see what was asked, not a whole route table. */
  private static String summary(String raw) {
    String oneLine = raw.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    return oneLine.length() <= AUDITED_BODY_CHARS
        ? oneLine
        : oneLine.substring(0, AUDITED_BODY_CHARS) + "... (" + raw.length() + " characters)";
  }

  private static void requireJson(HttpServerExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw ApiProblem.badRequest("Content-Type",
          "Content-Type: " + (type == null ? "missing" : type) + " (expected: application/json)");
    }
  }

  private static boolean isSafe(HttpServerExchange exchange) {
    var method = exchange.getRequestMethod();
    return method.equals(Methods.GET) || method.equals(Methods.HEAD) || method.equals(Methods.OPTIONS);
  }
}
