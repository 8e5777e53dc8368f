package tether.proxy.affinity;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import tether.stickiness.AffinityResponse;

/** The response to the client, after the server's headers were copied into it. */
final class ExchangeAffinityResponse implements AffinityResponse {

  private final HttpServerExchange exchange;

  ExchangeAffinityResponse(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public List<String> setCookies() {
    HeaderValues values = exchange.getResponseHeaders().get(Headers.SET_COOKIE);
    return values == null ? List.of() : values;
  }

  @Override
  public String header(String name) {
    HeaderValues values = exchange.getResponseHeaders().get(name);
    // A field sent on several lines means the same as one line listing them all.
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.getFirst() : String.join(", ", values);
  }

  @Override
  public void addSetCookie(String value) {
    exchange.getResponseHeaders().add(Headers.SET_COOKIE, value);
  }

  @Override
  public void setHeader(String name, String value) {
    exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
  }
}
