package tether.admin;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and JSON errors, with the headers every answer of the admin plane carries. */
final class Responses {

  static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  static void json(HttpServerExchange exchange, int status, Object body) {
    if (exchange.isResponseStarted()) {
      return;
    }
    exchange.setStatusCode(status);
    // Admin answers describe live state and may name sessions: nothing should keep them.
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
    if (body == null) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseSender().send(ByteBuffer.wrap(body instanceof byte[] bytes ? bytes : Json.write(body)));
  }

  /** {@code {"error": "...", "field": "..."}}, plus every message when there are several. */
  static void error(HttpServerExchange exchange, ApiProblem problem) {
    if (problem.status() == 401) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"tether-admin\"");
    }
    if (problem.retryAfterSeconds() > 0) {
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, problem.retryAfterSeconds());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", problem.messages().size() == 1
        ? problem.messages().get(0)
        : problem.field() + ": " + problem.messages().size() + " problems (expected: none)");
    if (problem.field() != null) {
      body.put("field", problem.field());
    }
    if (problem.messages().size() > 1) {
      body.put("messages", problem.messages());
    }
    json(exchange, problem.status(), body);
  }
}
