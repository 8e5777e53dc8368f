package tether.proxy.forward;

import java.util.Objects;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.HashKey;
import tether.proxy.config.RetryConfig;
import tether.proxy.pool.Ejections;
import tether.proxy.pool.Pool;

/**
 * A pool as the request path reaches it: its servers, its affinity (which lives beside the pool rather
 * than in it so that pools know nothing of HTTP), what its balancer hashes, its passive failure
 * detection, and its retry policy.
 */
public final class PoolTarget {

  private final Pool pool;
  private final PoolAffinity affinity;
  private final Ejections ejections;
  private final RetryPolicy retries;
  private final HashKey hashKey;

  /**
   * @param affinity {@code null} when the pool keeps no affinity
   */
  public PoolTarget(
      Pool pool, PoolAffinity affinity, Ejections ejections, RetryConfig retries, HashKey hashKey, Scheduler scheduler) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.affinity = affinity;
    this.ejections = Objects.requireNonNull(ejections, "ejections");
    this.retries = new RetryPolicy(retries, scheduler::nanoTime);
    this.hashKey = Objects.requireNonNull(hashKey, "hashKey");
  }

  public Pool pool() {
    return pool;
  }

  /** The pool's affinity, or {@code null}. */
  public PoolAffinity affinity() {
    return affinity;
  }

  public Ejections ejections() {
    return ejections;
  }

  RetryPolicy retries() {
    return retries;
  }

  HashKey hashKey() {
    return hashKey;
  }
}
