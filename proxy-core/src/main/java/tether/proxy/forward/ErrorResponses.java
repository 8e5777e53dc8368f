package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Tether's own short plain-text responses: no route, no server, bad gateway and the like. */
final class ErrorResponses {

  private ErrorResponses() {}

  /**
   * Answers with {@code status} and a one-line body. With {@code close}, the connection ends after it,
   * for when the rest of the client's request cannot be read or trusted.
   */
  static void send(HttpServerExchange exchange, int status, String message, boolean close) {
    exchange.getResponseHeaders().clear();
    write(exchange, status, message, close);
  }

  /** A 503 for a session whose server cannot take it, with when to try again. */
  static void refuse(HttpServerExchange exchange, String message, String retryAfterSeconds, boolean close) {
    exchange.getResponseHeaders().clear();
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
    write(exchange, 503, message, close);
  }

  private static void write(HttpServerExchange exchange, int status, String message, boolean close) {
    exchange.setStatusCode(status);
    if (close) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    }
    byte[] body = (status + " " + StatusCodes.getReason(status) + ": " + message + "\n")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
