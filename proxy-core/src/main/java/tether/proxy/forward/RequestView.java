package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.util.function.Predicate;
import tether.proxy.frontend.RequestTargets;
import tether.routing.RouteRequest;
import tether.stickiness.AffinityRequest;

/**
 * The client's request as routing and affinity read it: one view per exchange, copying nothing until a
 * rule or strategy asks.
 */
final class RequestView implements RouteRequest, AffinityRequest {

  private final HttpServerExchange exchange;
  private final Predicate<InetAddress> trustedProxy;

  /**
   * @param trustedProxy addresses whose X-Forwarded-For is believed, so that the client-address strategy
   *     sees the client behind a trusted load balancer rather than the balancer itself
   */
  RequestView(HttpServerExchange exchange, Predicate<InetAddress> trustedProxy) {
    this.exchange = exchange;
    this.trustedProxy = trustedProxy;
  }

  @Override
  public String cookie(String name) {
    HeaderValues values = exchange.getRequestHeaders().get(Headers.COOKIE);
    if (values == null) {
      return null;
    }
    for (int i = 0, n = values.size(); i < n; i++) {
      String value = Cookies.find(values.get(i), name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public String host() {
    return exchange.getRequestHeaders().getFirst(Headers.HOST);
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public String rawPath() {
    return RequestTargets.rawPath(exchange);
  }

  @Override
  public String rawQuery() {
    String query = exchange.getQueryString();
    return query.isEmpty() ? null : query;
  }

  /** The raw value of the first query parameter of that name, or {@code null}; for hashing, not decoded. */
  String queryParameter(String name) {
    String query = exchange.getQueryString();
    int from = 0;
    while (from <= query.length()) {
      int end = query.indexOf('&', from);
      if (end < 0) {
        end = query.length();
      }
      int eq = query.indexOf('=', from);
      int nameEnd = eq < 0 || eq > end ? end : eq;
      if (query.regionMatches(from, name, 0, name.length()) && nameEnd - from == name.length()) {
        return nameEnd == end ? "" : query.substring(nameEnd + 1, end);
      }
      from = end + 1;
    }
    return null;
  }

  @Override
  public InetAddress clientAddress() {
    InetAddress peer = exchange.getSourceAddress().getAddress();
    if (!trustedProxy.test(peer)) {
      return peer;
    }
    String forwardedFor = exchange.getRequestHeaders().getLast(Headers.X_FORWARDED_FOR);
    InetAddress client = forwardedFor == null ? null : ClientAddresses.lastUntrusted(forwardedFor, trustedProxy);
    return client == null ? peer : client;
  }
}
