package tether.proxy.frontend;

import io.undertow.server.HttpServerExchange;

/** The request target as the client sent it, undecoded. */
public final class RequestTargets {

  private RequestTargets() {}

  /** The path with its parameters, without the query; an absolute-form target is reduced to its path. */
  public static String rawPath(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (exchange.isHostIncludedInRequestURI()) {
      int slash = uri.indexOf('/', uri.indexOf("//") + 2);
      return slash < 0 ? "/" : uri.substring(slash);
    }
    return uri;
  }

  /** {@code path} followed by the request's query, if it has one. */
  public static String withQuery(String path, HttpServerExchange exchange) {
    String query = exchange.getQueryString();
    return query.isEmpty() ? path : path + '?' + query;
  }
}
