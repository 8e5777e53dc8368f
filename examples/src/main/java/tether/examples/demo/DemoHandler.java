package tether.examples.demo;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.Session;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Every page of the demo app, chosen by path. Runs on Undertow's I/O threads: nothing here blocks
 * (the login form is read with a callback).
 */
final class DemoHandler implements HttpHandler {

  static final HttpString X_INSTANCE = HttpString.tryFromString("X-Instance");
  static final int MAX_USER_LENGTH = 64;
  // A login form holds one short field; anything much larger is not a browser posting it.
  private static final int MAX_FORM_BYTES = 4096;

  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";

  private final String instance;
  private final DemoSessions sessions;

  DemoHandler(String instance, DemoSessions sessions) {
    this.instance = instance;
    this.sessions = sessions;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(X_INSTANCE, instance);
    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
    String path = exchange.getRequestPath();
    switch (path) {
      case "/" -> {
        if (isRead(exchange)) {
          home(exchange);
        } else {
          methodNotAllowed(exchange, "GET, HEAD");
        }
      }
      case "/api/session" -> {
        if (isRead(exchange)) {
          sessionJson(exchange);
        } else {
          methodNotAllowed(exchange, "GET, HEAD");
        }
      }
      case "/login" -> {
        if (exchange.getRequestMethod().equals(Methods.POST)) {
          readForm(exchange);
        } else {
          methodNotAllowed(exchange, "POST");
        }
      }
      case "/logout" -> {
        if (exchange.getRequestMethod().equals(Methods.POST)) {
          logout(exchange);
        } else {
          methodNotAllowed(exchange, "POST");
        }
      }
      case "/health" -> {
        if (isRead(exchange)) {
          send(exchange, StatusCodes.OK, TEXT, "ok");
        } else {
          methodNotAllowed(exchange, "GET, HEAD");
        }
      }
      case "/echo" -> send(exchange, StatusCodes.OK, TEXT, echo(exchange));
      default -> send(exchange, StatusCodes.NOT_FOUND, TEXT, "not found: " + path + "\n");
    }
  }

  private void home(HttpServerExchange exchange) {
    Session session = sessions.findOrCreate(exchange);
    SessionView view = visit(session);
    noStore(exchange);
    send(exchange, StatusCodes.OK, HTML, Pages.home(
        view,
        sessions.link(exchange, session, "/"),
        sessions.link(exchange, session, "/login"),
        sessions.link(exchange, session, "/logout")));
  }

  private void sessionJson(HttpServerExchange exchange) {
    SessionView view = visit(sessions.findOrCreate(exchange));
    noStore(exchange);
    send(exchange, StatusCodes.OK, JSON, view.toJson());
  }

  private SessionView visit(Session session) {
    int visits = DemoSessions.recordVisit(session);
    return new SessionView(instance, session.getId(), visits, DemoSessions.user(session));
  }

  private void readForm(HttpServerExchange exchange) {
    var receiver = exchange.getRequestReceiver();
    receiver.setMaxBufferSize(MAX_FORM_BYTES);
    receiver.receiveFullString((ex, body) -> login(ex, body), StandardCharsets.UTF_8);
  }

  private void login(HttpServerExchange exchange, String body) {
    String user;
    try {
      user = formField(body, "user");
    } catch (IllegalArgumentException e) {
      badLogin(exchange, "The form could not be read: " + e.getMessage());
      return;
    }
    user = user == null ? "" : user.strip();
    if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
      badLogin(exchange, "user: " + user.length() + " characters (expected: 1.." + MAX_USER_LENGTH
          + " characters)");
      return;
    }
    Session session = sessions.findOrCreate(exchange);
    DemoSessions.signIn(session, user);
    redirectHome(exchange, session);
  }

  private void badLogin(HttpServerExchange exchange, String message) {
    Session session = sessions.find(exchange);
    send(exchange, StatusCodes.BAD_REQUEST, HTML,
        Pages.problem(instance, message, sessions.link(exchange, session, "/")));
  }

  private void logout(HttpServerExchange exchange) {
    // Logging out keeps the session, so the visit count shows it is still the same one.
    Session session = sessions.find(exchange);
    if (session != null) {
      DemoSessions.signOut(session);
    }
    redirectHome(exchange, session);
  }

  private void redirectHome(HttpServerExchange exchange, Session session) {
    exchange.setStatusCode(StatusCodes.SEE_OTHER);
    exchange.getResponseHeaders().put(Headers.LOCATION, sessions.link(exchange, session, "/"));
    exchange.endExchange();
  }

  /** The first value of {@code name} in an {@code application/x-www-form-urlencoded} body. */
  static String formField(String body, String name) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.putIfAbsent(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields.get(name);
  }

  /** The request as this app received it: what a proxy in front actually forwarded. */
  private String echo(HttpServerExchange exchange) {
    StringBuilder out = new StringBuilder();
    out.append("instance: ").append(instance).append('\n');
    out.append("method: ").append(exchange.getRequestMethod()).append('\n');
    out.append("path: ").append(exchange.getRequestURI()).append('\n');
    out.append("query: ").append(exchange.getQueryString()).append('\n');
    out.append("protocol: ").append(exchange.getProtocol()).append('\n');
    out.append("remote: ").append(exchange.getSourceAddress()).append('\n');
    out.append("headers:\n");
    for (HeaderValues header : exchange.getRequestHeaders()) {
      for (String value : header) {
        out.append("  ").append(header.getHeaderName()).append(": ").append(value).append('\n');
      }
    }
    return out.toString();
  }

  private static boolean isRead(HttpServerExchange exchange) {
    HttpString method = exchange.getRequestMethod();
    return method.equals(Methods.GET) || method.equals(Methods.HEAD);
  }

  private static void noStore(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
  }

  private static void methodNotAllowed(HttpServerExchange exchange, String allowed) {
    exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
    send(exchange, StatusCodes.METHOD_NOT_ALLOWED, TEXT,
        "method: " + exchange.getRequestMethod() + " (expected: " + allowed + ")\n");
  }

  private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
  }
}
