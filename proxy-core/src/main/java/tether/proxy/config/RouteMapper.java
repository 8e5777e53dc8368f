package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maps {@code tether.routes}: a list of host and prefix pairs, each naming a pool. */
final class RouteMapper {

  static final Set<String> ROUTE_KEYS = Set.of("host", "prefix", "pool");

  private static final String ROUTE_EXPECTED = "an object with host (optional), prefix and pool";
  private static final String HOST_EXPECTED = "a host name or IP address without port, or no host for any host";
  private static final String PREFIX_EXPECTED = "a path prefix starting with /";

  private RouteMapper() {}

  /**
   * The routes in declaration order. {@code poolNames} are all pools written in the file, valid or
   * not, so that a bad pool is reported once rather than again by every route naming it.
   */
  static List<RouteConfig> map(Section tether, List<String> poolNames) {
    ConfigList list = tether.list("routes", "a list of routes");
    if (list == null) {
      return List.of();
    }
    Problems problems = tether.problems();
    String poolExpected = poolNames.isEmpty()
        ? "the name of a pool defined under tether.pools"
        : "one of " + String.join(", ", poolNames);
    List<RouteConfig> routes = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(tether.key("routes"), i);
      if (!(element instanceof ConfigObject object)) {
        problems.bad(element, key, ROUTE_EXPECTED);
        continue;
      }
      Section route = new Section(object, key, problems);
      String host = route.optionalString("host", HOST_EXPECTED);
      if (host != null && Addresses.hostProblem(host) != null) {
        route.bad("host", HOST_EXPECTED);
        host = null;
      }
      String prefix = route.string("prefix", PREFIX_EXPECTED);
      if (prefix != null && !prefix.startsWith("/")) {
        route.bad("prefix", PREFIX_EXPECTED);
        prefix = null;
      }
      String pool = route.string("pool", poolExpected);
      if (pool != null && !poolNames.contains(pool)) {
        route.bad("pool", poolExpected);
        pool = null;
      }
      if (prefix != null && pool != null) {
        String match = (host == null ? "" : host.toLowerCase(Locale.ROOT)) + " " + prefix;
        Integer first = seen.putIfAbsent(match, i);
        if (first != null) {
          problems.add(object.origin(), key,
              "same host and prefix as routes[" + first + "] (expected: each host and prefix once)");
        }
        routes.add(new RouteConfig(host, prefix, pool));
      }
    }
    return routes;
  }
}
