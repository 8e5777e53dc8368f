package tether.proxy.health;

import java.util.Objects;
import tether.proxy.config.HostPort;

/** A server to check: its id in the pool, and where to connect. */
public record CheckTarget(String serverId, HostPort address) {

  public CheckTarget {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(address, "address");
  }
}
