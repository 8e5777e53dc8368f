package tether.proxy.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import tether.proxy.balance.BalancerFactory;

/**
 * A named pool. Readers take {@link #snapshot()} once per request and never lock; writers build a whole
 * new snapshot under the pool's lock and publish it with one volatile write.
 */
public final class Pool {

  private final String name;
  private final BalancerFactory balancers;
  private volatile PoolSnapshot snapshot;

  public Pool(String name, BalancerFactory balancers, List<Server> servers) {
    this.name = Objects.requireNonNull(name, "name");
    this.balancers = Objects.requireNonNull(balancers, "balancers");
    this.snapshot = build(servers);
  }

  public String name() {
    return name;
  }

  /** The current servers and balancer; stable for as long as the caller holds it. */
  public PoolSnapshot snapshot() {
    return snapshot;
  }

  /** Publishes a new set of servers; requests already holding the old snapshot keep it. */
  public synchronized void replaceServers(List<Server> servers) {
    snapshot = build(servers);
  }

  /**
   * Sets a server's admin state.
   *
   * @throws IllegalArgumentException when the pool has no such server
   */
  public void setState(String serverId, AdminState state) {
    update(serverId, s -> s.withState(state));
  }

  private synchronized void update(String serverId, UnaryOperator<Server> change) {
    List<Server> next = new ArrayList<>(snapshot.servers());
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).id().equals(serverId)) {
        next.set(i, change.apply(next.get(i)));
        snapshot = build(next);
        return;
      }
    }
    throw new IllegalArgumentException("server: " + serverId + " (expected: a server of pool " + name + ")");
  }

  private PoolSnapshot build(List<Server> servers) {
    List<Server> takingNew = servers.stream().filter(Server::acceptsNewSessions).toList();
    return new PoolSnapshot(name, servers, balancers.create(takingNew));
  }
}
