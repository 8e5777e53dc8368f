package tether.proxy.config;

import java.util.List;

/** A named pool of servers and the algorithm that spreads new requests over them. */
public record PoolConfig(String name, BalancerKind balancer, List<ServerConfig> servers) {

  public PoolConfig {
    servers = List.copyOf(servers);
  }
}
