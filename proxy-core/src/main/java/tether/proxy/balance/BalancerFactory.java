package tether.proxy.balance;

import java.util.List;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;

/** Prepares a balancer for one immutable list of servers. */
@FunctionalInterface
public interface BalancerFactory {

  Balancer create(List<Server> servers);

  /** The factory for a configured algorithm. */
  static BalancerFactory of(BalancerKind kind) {
    return switch (kind) {
      case WEIGHTED_ROUND_ROBIN -> SmoothWeightedRoundRobin::new;
    };
  }
}
