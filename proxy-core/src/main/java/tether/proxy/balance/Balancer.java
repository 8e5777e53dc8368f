package tether.proxy.balance;

import java.util.function.Predicate;
import tether.proxy.pool.Server;

/** Chooses a server among those of one pool snapshot; thread-safe and non-blocking. */
public interface Balancer {

  /**
   * Picks a server that {@code eligible} accepts, or returns {@code null} when no server with a positive
   * weight is eligible.
   */
  Server pick(Predicate<? super Server> eligible);
}
