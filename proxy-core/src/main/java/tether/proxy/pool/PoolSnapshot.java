package tether.proxy.pool;

import java.util.List;
import tether.proxy.balance.Balancer;

/**
 * An immutable view of a pool: its servers and the balancer prepared for exactly these servers and
 * weights.
 */
public record PoolSnapshot(String name, List<Server> servers, Balancer balancer) {

  public PoolSnapshot {
    servers = List.copyOf(servers);
  }
}
