package tether.admin.engine;

import java.util.Objects;

/**
 * Where a session is pinned: the server's id and the affinity strategy that pins it there, by the
 * name the configuration uses for it (such as {@code cookie} or {@code route-suffix}).
 */
public record SessionPin(String server, String strategy) {

  public SessionPin {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(strategy, "strategy");
  }
}
