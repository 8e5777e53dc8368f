package tether.proxy.config;

import java.util.List;

/** A named pool of servers and the algorithm that spreads new requests over them. */
public record PoolConfig(
    String name, BalancerKind balancer, List<ServerConfig> servers, AffinityConfig affinity) {

  /** A pool without affinity. */
  public PoolConfig(String name, BalancerKind balancer, List<ServerConfig> servers) {
    this(name, balancer, servers, AffinityConfig.NONE);
  }

  /** The balancer of a pool that names none. */
  public static final BalancerKind DEFAULT_BALANCER = BalancerKind.WEIGHTED_ROUND_ROBIN;

  public PoolConfig {
    servers = List.copyOf(servers);
  }
}
