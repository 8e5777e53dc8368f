package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Maps {@code tether.pools}: an open map from pool name to its balancer, servers and affinity. */
final class PoolMapper {

  static final Set<String> POOL_KEYS = Set.of(
      "balancer", "hash-key", "hash-load-factor", "servers", "affinity", "health-check", "passive",
      "retries", "queue", "slow-start");

  /** The objects of a pool other than affinity, and the keys each may hold. */
  static final Map<String, Set<String>> POLICY_KEYS = Map.of(
      "health-check", HealthCheckMapper.KEYS,
      "passive", PassiveMapper.PASSIVE_KEYS,
      "retries", RetryMapper.RETRY_KEYS,
      "queue", QueueMapper.QUEUE_KEYS,
      "slow-start", SlowStartMapper.SLOW_START_KEYS);
  static final Set<String> SERVER_KEYS = Set.of("id", "address", "weight", "route", "public-url");

  /** Pool names, server ids and routes end up in metric names, logs and affinity tokens: keep them plain. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final String NAME_EXPECTED = "1 to 64 characters of A-Z a-z 0-9 . _ -";

  private static final String PUBLIC_URL_EXPECTED =
      "an absolute http or https URL without user info, query or fragment, such as https://app2.example.com";

  private static final String POOL_EXPECTED = "an object with balancer and servers";
  private static final String SERVER_EXPECTED = "an object with id, address and weight";
  private static final String BALANCERS =
      Arrays.stream(BalancerKind.values()).map(BalancerKind::configName).collect(Collectors.joining(", "));

  private final Problems problems;
  private final KeysConfig keys;

  private PoolMapper(Problems problems, KeysConfig keys) {
    this.problems = problems;
    this.keys = keys;
  }

  /**
   * The valid pools in declaration order; every bad pool or server is reported. {@code keys} tells
   * whether a pool may use the cookie strategy.
   */
  static Map<String, PoolConfig> map(Section tether, KeysConfig keys) {
    Section pools = tether.child("pools", "an object of pools by name");
    if (pools == null) {
      return Map.of();
    }
    PoolMapper mapper = new PoolMapper(tether.problems(), keys);
    Map<String, PoolConfig> result = new LinkedHashMap<>();
    for (String name : declarationOrder(pools.object())) {
      Section pool = pools.child(name, POOL_EXPECTED);
      if (!NAME.matcher(name).matches()) {
        mapper.problems.add(pools.object().get(name).origin(), pools.key(name),
            ConfigUtil.quoteString(name) + " (expected: a pool name of " + NAME_EXPECTED + ")");
      }
      if (pool != null) {
        PoolConfig config = mapper.pool(name, pool);
        if (config != null) {
          result.put(name, config);
        }
      }
    }
    return result;
  }

  /** Pool names in the order they are written, which is the order a console lists them in. */
  static List<String> declarationOrder(ConfigObject pools) {
    return pools.keySet().stream()
        .sorted(Comparator.comparingInt((String name) -> pools.get(name).origin().lineNumber())
            .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  private PoolConfig pool(String name, Section pool) {
    BalancerKind balancer = PoolConfig.DEFAULT_BALANCER;
    if (pool.has("balancer")) {
      balancer = balancer(pool);
    }
    AffinityConfig affinity = AffinityConfig.NONE;
    if (pool.has("affinity")) {
      Section section = pool.child("affinity", "an object");
      affinity = section == null ? affinity : AffinityMapper.map(section, keys.configured());
    }
    ConfigList list = pool.list("servers", "a list of at least one server");
    if (list != null && list.isEmpty()) {
      pool.bad("servers", "a list of at least one server");
    }
    List<ServerConfig> servers = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> addresses = new HashMap<>();
    Map<String, RouteOwner> routes = new HashMap<>();
    Character separator = affinity.strategies().contains(AffinityConfig.Strategy.ROUTE_SUFFIX)
        ? affinity.routeSuffix().separator()
        : null;
    String serversKey = pool.key("servers");
    for (int i = 0; list != null && i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(serversKey, i);
      if (!(element instanceof ConfigObject object)) {
        problems.bad(element, key, SERVER_EXPECTED);
        continue;
      }
      ServerConfig server = server(new Section(object, key, problems), i, ids, addresses, routes, separator);
      if (server != null) {
        servers.add(server);
      }
    }
    if (balancer == null || list == null) {
      return null;
    }
    return policies(pool, new PoolConfig(name, balancer, servers, affinity));
  }

  /** Reads the pool's optional objects and hashing keys onto {@code config}. */
  private PoolConfig policies(Section pool, PoolConfig config) {
    HashKey hashKey = config.hashKey();
    if (pool.has("hash-key")) {
      String text = pool.string("hash-key", HashKey.EXPECTED);
      HashKey parsed = HashKey.parse(text);
      if (parsed == null && text != null) {
        pool.bad("hash-key", HashKey.EXPECTED);
      }
      hashKey = parsed == null ? hashKey : parsed;
    }
    double loadFactor = PoolReads.number(pool, "hash-load-factor", 1, false, 100, config.hashLoadFactor(),
        "a number > 1 such as 1.25");
    config = config.withBalancer(config.balancer(), hashKey, loadFactor);
    Section section = policy(pool, "health-check");
    if (section != null) {
      config = config.withHealthCheck(HealthCheckMapper.map(section));
    }
    if ((section = policy(pool, "passive")) != null) {
      config = config.withPassive(PassiveMapper.map(section));
    }
    if ((section = policy(pool, "retries")) != null) {
      config = config.withRetries(RetryMapper.map(section));
    }
    if ((section = policy(pool, "queue")) != null) {
      config = config.withQueue(QueueMapper.map(section));
    }
    if ((section = policy(pool, "slow-start")) != null) {
      config = config.withSlowStart(SlowStartMapper.map(section));
    }
    if (config.balancer() == BalancerKind.LEAST_SESSIONS && !countsSessions(config.affinity())) {
      pool.bad("balancer", "least-sessions only with affinity that counts live sessions (strategies cookie or learned)");
    }
    return config;
  }

  private static boolean countsSessions(AffinityConfig affinity) {
    return affinity.strategies().contains(AffinityConfig.Strategy.COOKIE)
        || affinity.strategies().contains(AffinityConfig.Strategy.LEARNED);
  }

  private static Section policy(Section pool, String name) {
    return pool.has(name) ? pool.child(name, "an object") : null;
  }

  private BalancerKind balancer(Section pool) {
    String expected = "one of " + BALANCERS;
    String text = pool.string("balancer", expected);
    for (BalancerKind kind : BalancerKind.values()) {
      if (kind.configName().equals(text)) {
        return kind;
      }
    }
    if (text != null) {
      pool.bad("balancer", expected);
    }
    return null;
  }

  private ServerConfig server(Section server, int index, Map<String, Integer> ids, Map<String, Integer> addresses,
      Map<String, RouteOwner> routes, Character separator) {
    String id = server.string("id", NAME_EXPECTED);
    if (id != null && !NAME.matcher(id).matches()) {
      server.bad("id", NAME_EXPECTED);
      id = null;
    }
    if (id != null) {
      Integer first = ids.putIfAbsent(id, index);
      if (first != null) {
        server.bad("id", "an id unique in the pool; servers[" + first + "] has it too");
      }
    }
    HostPort address = null;
    String text = server.string("address", Addresses.HOST_PORT);
    if (text != null) {
      try {
        address = Addresses.parseHostPort(text);
      } catch (IllegalArgumentException e) {
        server.bad("address", e.getMessage());
      }
    }
    if (address != null) {
      Integer first = addresses.putIfAbsent(Addresses.identity(address), index);
      if (first != null) {
        server.bad("address", "an address unique in the pool; servers[" + first + "] has it too");
      }
    }
    int weight = ServerConfig.DEFAULT_WEIGHT;
    if (server.has("weight")) {
      weight = server.integer("weight", 0, ServerConfig.MAX_WEIGHT);
    }
    String route = route(server, index, id, routes, separator);
    String publicUrl = server.optionalString("public-url", PUBLIC_URL_EXPECTED);
    // A bad public-url leaves the server out, so that a redirect to its pool does not report it again as missing.
    boolean urlRead = publicUrl != null || !server.has("public-url");
    if (publicUrl != null && !isPublicUrl(publicUrl)) {
      server.bad("public-url", PUBLIC_URL_EXPECTED);
      urlRead = false;
    }
    return id == null || address == null || route == null || !urlRead
        ? null
        : new ServerConfig(id, address, weight, route, publicUrl);
  }

  /**
   * Whether {@code text} can stand for a server in a redirect's Location: an absolute http(s) URL
   * whose path, if any, the redirect's {@code {path}} is appended to. No user info, since the
   * Location goes to every client; printable ASCII only, as Location is sent as written.
   */
  private static boolean isPublicUrl(String text) {
    if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(text);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The server that first took a route, and whether the file wrote the route or it came from the id. */
  private record RouteOwner(int index, boolean written) {}

  /**
   * The server's route: as written, or its id. Null after a problem. {@code separator} is the
   * route-suffix separator when the pool uses that strategy: the route is read after the last one,
   * so a route holding it could never match.
   */
  private String route(Section server, int index, String id, Map<String, RouteOwner> routes, Character separator) {
    boolean written = server.has("route");
    String route = written ? server.string("route", NAME_EXPECTED) : id;
    if (route == null) {
      return null;
    }
    if (written && !NAME.matcher(route).matches()) {
      server.bad("route", NAME_EXPECTED);
      return null;
    }
    if (separator != null && route.indexOf(separator) >= 0) {
      routeProblem(server, written, route, "a route without \"" + separator + "\", the route-suffix separator");
      return null;
    }
    RouteOwner first = routes.putIfAbsent(route, new RouteOwner(index, written));
    // Two routes taken from their ids are two equal ids, which are reported as such.
    if (first != null && (written || first.written())) {
      routeProblem(server, written, route, "a route unique in the pool; servers[" + first.index() + "] has it too");
      return null;
    }
    return route;
  }

  private void routeProblem(Section server, boolean written, String route, String expected) {
    if (written) {
      server.bad("route", expected);
    } else {
      problems.add(server.object().get("id").origin(), server.key("route"), ConfigUtil.quoteString(route)
          + " (expected: " + expected + "; a server without route uses its id)");
    }
  }
}
