package tether.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a rule does with a request it matches. */
public sealed interface Action permits Action.Forward, Action.Split, Action.Redirect, Action.Respond {

  /** Proxy the request to a server of {@code pool}. */
  record Forward(String pool) implements Action {}

  /** Proxy the request to one of several pools, in proportion to their weights. */
  record Split(List<Share> shares) implements Action {

    public Split {
      shares = shares == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(shares));
    }

    /**
     * The pool for {@code value}, which the caller draws (a random int, or a hash of something
     * stable to keep a client on one side). The value is reduced modulo the total weight, so any
     * evenly spread ints, small or large, give shares in proportion to the weights.
     */
    public String choose(int value) {
      long total = 0;
      for (Share share : shares) {
        total += Math.max(0, share.weight());
      }
      if (total <= 0) {
        throw new IllegalStateException("split: no share with weight > 0");
      }
      long point = Math.floorMod((long) value, total);
      for (Share share : shares) {
        if (share.weight() > 0) {
          if (point < share.weight()) {
            return share.pool();
          }
          point -= share.weight();
        }
      }
      throw new AssertionError("unreachable: point below total weight");
    }
  }

  /** One side of a {@link Split}. */
  record Share(String pool, int weight) {}

  /**
   * Answer with a redirect. The location may contain {@code {server}} (the public URL of the server
   * that balancing and stickiness choose from {@code pool}), {@code {path}} (the forwarded path) and
   * {@code {query}} (the request's query with its {@code ?}, or nothing when there is none).
   */
  record Redirect(int status, String location, String pool) implements Action {

    /** Whether the location needs a server, which the caller then picks from {@link #pool()}. */
    public boolean needsServer() {
      return location != null && location.contains(LocationTemplate.SERVER);
    }

    /**
     * The location with its placeholders filled in.
     *
     * @param server   the chosen server's public URL; a trailing {@code /} is dropped; may be
     *                 {@code null} when {@link #needsServer()} is false
     * @param path     the forwarded path ({@link RouteResult.Routed#forwardPath()})
     * @param rawQuery the request's raw query without {@code ?}, or {@code null}
     */
    public String location(String server, String path, String rawQuery) {
      return LocationTemplate.expand(location, server, path, rawQuery);
    }
  }

  /** Answer directly with a fixed response. */
  record Respond(int status, String contentType, String body) implements Action {}
}
