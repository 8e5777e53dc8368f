package tether.proxy.pool;

import java.util.List;
import java.util.Objects;
import tether.proxy.balance.BalancerFactory;

/**
 * A named pool. Readers take {@link #snapshot()} once per request and never lock; writers replace the
 * whole snapshot.
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

  private PoolSnapshot build(List<Server> servers) {
    return new PoolSnapshot(name, servers, balancers.create(servers));
  }
}
