package tether.proxy.forward;

import java.util.Objects;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.pool.Pool;

/**
 * A pool as the request path reaches it: its servers and its affinity, which lives beside the pool
 * rather than in it so that pools know nothing of HTTP.
 *
 * @param affinity {@code null} when the pool keeps no affinity
 */
public record PoolTarget(Pool pool, PoolAffinity affinity) {

  public PoolTarget {
    Objects.requireNonNull(pool, "pool");
  }
}
