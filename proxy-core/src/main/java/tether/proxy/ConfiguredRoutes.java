package tether.proxy;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tether.proxy.config.RouteConfig;
import tether.proxy.forward.ProxyHandler;
import tether.proxy.forward.PoolTarget;

/**
 * Host and prefix routes as configured: an exact host beats any host, then the longest prefix wins, then
 * declaration order. Prefixes match whole path segments.
 */
final class ConfiguredRoutes implements ProxyHandler.PoolResolver {

  private record Entry(String host, String prefix, PoolTarget pool) {}

  private final Entry[] entries;

  ConfiguredRoutes(List<RouteConfig> routes, Map<String, PoolTarget> pools) {
    // Most specific first, so that the first match wins; the sort is stable for declaration order.
    this.entries =
        routes.stream()
            .map(
                r ->
                    new Entry(
                        r.host() == null ? null : r.host().toLowerCase(Locale.ROOT),
                        r.prefix(),
                        pools.get(r.pool())))
            .sorted(
                (a, b) -> {
                  int byHost = Boolean.compare(b.host() != null, a.host() != null);
                  return byHost != 0 ? byHost : Integer.compare(b.prefix().length(), a.prefix().length());
                })
            .toArray(Entry[]::new);
  }

  @Override
  public PoolTarget resolve(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    String host = exchange.getHostName();
    for (Entry e : entries) {
      if ((e.host() == null || e.host().equalsIgnoreCase(host)) && matches(e.prefix(), path)) {
        return e.pool();
      }
    }
    return null;
  }

  private static boolean matches(String prefix, String path) {
    if (!path.startsWith(prefix)) {
      return false;
    }
    return prefix.endsWith("/")
        || path.length() == prefix.length()
        || path.charAt(prefix.length()) == '/';
  }
}
