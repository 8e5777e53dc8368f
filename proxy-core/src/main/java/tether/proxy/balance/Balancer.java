package tether.proxy.balance;

import java.util.function.Predicate;
import tether.proxy.pool.Server;

/** Chooses a server among those of one pool snapshot; thread-safe and non-blocking. */
public interface Balancer {

  /**
   * Picks a server that {@code eligible} accepts, or returns {@code null} when no server with a positive
   * effective weight is eligible. {@code eligible} should give the same answer for a server throughout one
   * call: some algorithms ask it more than once.
   *
   * @param hash the request's 64-bit hash, read only when {@link #usesHash()}
   */
  Server pick(Predicate<? super Server> eligible, long hash);

  default Server pick(Predicate<? super Server> eligible) {
    return pick(eligible, 0L);
  }

  /** Whether pick reads its hash argument, so callers compute a request hash only when it matters. */
  default boolean usesHash() {
    return false;
  }
}
