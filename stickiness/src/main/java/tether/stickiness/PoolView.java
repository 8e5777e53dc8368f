package tether.stickiness;

import java.util.function.Predicate;

/** What strategies may ask of the pool a request is routed to; the proxy builds one per pool snapshot. */
public interface PoolView {

  /** The server whose configured route name this is, or null. */
  String serverIdForRoute(String route);

  /** Consistent-hash ring over the pool's usable servers. */
  HashRing ring();

  /**
   * Accepts a server id while that server is under its load bound (bounded-load hashing); the hash
   * strategies walk past servers it rejects.
   */
  Predicate<String> underLoadBound();
}
