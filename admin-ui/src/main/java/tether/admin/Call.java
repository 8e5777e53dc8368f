package tether.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;
import java.util.Map;

/**
 * One API call as an action sees it: its caller, path parameters, query, body, and a place to leave
 * the before and after of a change for the audit log.
 */
final class Call {

  private final HttpServerExchange exchange;
  private final Caller caller;
  private final JsonNode body;
  private final String rawBody;
  private Object before;
  private Object after;

  Call(HttpServerExchange exchange, Caller caller, JsonNode body, String rawBody) {
    this.exchange = exchange;
    this.caller = caller;
    this.body = body;
    this.rawBody = rawBody;
  }

  /** The caller, or null on a public endpoint. */
  Caller caller() {
    return caller;
  }

  HttpServerExchange exchange() {
    return exchange;
  }

  String param(String name) {
    PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    Map<String, String> params = match == null ? Map.of() : match.getParameters();
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("The route has no parameter " + name);
    }
    return value;
  }

  /** The first value of a query parameter, or null. */
  String query(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  BodyFields body() {
    return BodyFields.of(body);
  }

  /** The body as sent (known to be well-formed JSON), or null when there was none. */
  String rawBody() {
    return rawBody;
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().add(HttpString.tryFromString(name), value);
  }

  /** What a change found and left, for the audit log; either may be null (nothing before an add). */
  void audit(Object before, Object after) {
    this.before = before;
    this.after = after;
  }

  Object before() {
    return before;
  }

  Object after() {
    return after;
  }
}
