package tether.admin.engine;

import java.util.List;
import java.util.Objects;

/** A pool as it is now: its balancer by configured name and its servers in configuration order. */
public record PoolView(String name, String balancer, List<ServerView> servers) {

  public PoolView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(balancer, "balancer");
    servers = List.copyOf(servers);
  }
}
