package tether.proxy.pool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tether.proxy.balance.Balancer;

/**
 * An immutable view of a pool: its servers, the balancer prepared for those that take new sessions, and
 * look-ups by id and by route for affinity.
 */
public final class PoolSnapshot {

  private final String name;
  private final List<Server> servers;
  private final Balancer balancer;
  private final Map<String, Server> byId;
  private final Map<String, Server> byRoute;

  PoolSnapshot(String name, List<Server> servers, Balancer balancer) {
    this.name = name;
    this.servers = List.copyOf(servers);
    this.balancer = balancer;
    this.byId = new HashMap<>();
    this.byRoute = new HashMap<>();
    for (Server s : this.servers) {
      byId.put(s.id(), s);
      byRoute.put(s.route(), s);
    }
  }

  public String name() {
    return name;
  }

  public List<Server> servers() {
    return servers;
  }

  /** Chooses among the servers that take new sessions. */
  public Balancer balancer() {
    return balancer;
  }

  /** The server with that id, or {@code null}. */
  public Server server(String id) {
    return byId.get(id);
  }

  /** The server whose route is {@code route}, or {@code null}. */
  public Server serverForRoute(String route) {
    return byRoute.get(route);
  }
}
