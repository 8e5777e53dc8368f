package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tether.routing.Action;
import tether.routing.HeaderOp;

/** The answers a route gives itself, without a server: fixed responses and redirects. */
final class Answers {

  private Answers() {}

  static void fixed(HttpServerExchange exchange, Action.Respond respond, List<HeaderOp> responseHeaders) {
    byte[] body = respond.body() == null ? new byte[0] : respond.body().getBytes(StandardCharsets.UTF_8);
    exchange.setStatusCode(respond.status());
    if (respond.contentType() != null) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, respond.contentType());
    }
    send(exchange, body, responseHeaders);
  }

  static void redirect(HttpServerExchange exchange, int status, String location, List<HeaderOp> responseHeaders) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.LOCATION, location);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    send(exchange, (status + " see " + location + "\n").getBytes(StandardCharsets.UTF_8), responseHeaders);
  }

  private static void send(HttpServerExchange exchange, byte[] body, List<HeaderOp> responseHeaders) {
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    HeaderOps.apply(responseHeaders, exchange.getResponseHeaders());
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
