package tether.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * A named pool of servers: how new requests are spread over them, how sessions stick, how failing
 * servers are found and avoided, and how returning ones are eased in.
 *
 * @param balancer       the algorithm for requests without affinity
 * @param hashKey        what {@code consistent-hash} hashes; the client address unless set
 * @param hashLoadFactor how far above the average load {@code consistent-hash} lets a server go, > 1
 * @param healthCheck    active checks; {@link HealthCheckConfig#DISABLED} for none
 * @param passive        ejection after consecutive failures of real requests
 * @param retries        which failures are tried again on another server, and how often
 * @param queue          the per-server limit of concurrent requests and the queue above it
 * @param slowStart      how servers that come back are eased in
 */
public record PoolConfig(
    String name,
    BalancerKind balancer,
    List<ServerConfig> servers,
    AffinityConfig affinity,
    HashKey hashKey,
    double hashLoadFactor,
    HealthCheckConfig healthCheck,
    PassiveConfig passive,
    RetryConfig retries,
    QueueConfig queue,
    SlowStartConfig slowStart) {

  /** The balancer of a pool that names none. */
  public static final BalancerKind DEFAULT_BALANCER = BalancerKind.WEIGHTED_ROUND_ROBIN;

  public static final double DEFAULT_HASH_LOAD_FACTOR = 1.25;

  public PoolConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(balancer, "balancer");
    servers = List.copyOf(servers);
    Objects.requireNonNull(affinity, "affinity");
    Objects.requireNonNull(hashKey, "hashKey");
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(passive, "passive");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(slowStart, "slowStart");
    if (!(hashLoadFactor > 1)) {
      throw new IllegalArgumentException("hashLoadFactor: " + hashLoadFactor + " (expected: > 1)");
    }
  }

  /** A pool with the defaults of everything but its servers and affinity. */
  public PoolConfig(String name, BalancerKind balancer, List<ServerConfig> servers, AffinityConfig affinity) {
    this(name, balancer, servers, affinity, HashKey.CLIENT_ADDRESS, DEFAULT_HASH_LOAD_FACTOR,
        HealthCheckConfig.DISABLED, PassiveConfig.DEFAULTS, RetryConfig.DEFAULTS, QueueConfig.UNLIMITED,
        SlowStartConfig.OFF);
  }

  /** A pool without affinity. */
  public PoolConfig(String name, BalancerKind balancer, List<ServerConfig> servers) {
    this(name, balancer, servers, AffinityConfig.NONE);
  }

  public PoolConfig withServers(List<ServerConfig> value) {
    return new PoolConfig(name, balancer, value, affinity, hashKey, hashLoadFactor, healthCheck, passive, retries, queue, slowStart);
  }

  public PoolConfig withAffinity(AffinityConfig value) {
    return new PoolConfig(name, balancer, servers, value, hashKey, hashLoadFactor, healthCheck, passive, retries, queue, slowStart);
  }

  public PoolConfig withBalancer(BalancerKind kind, HashKey key, double loadFactor) {
    return new PoolConfig(name, kind, servers, affinity, key, loadFactor, healthCheck, passive, retries, queue, slowStart);
  }

  public PoolConfig withHealthCheck(HealthCheckConfig value) {
    return new PoolConfig(name, balancer, servers, affinity, hashKey, hashLoadFactor, value, passive, retries, queue, slowStart);
  }

  public PoolConfig withPassive(PassiveConfig value) {
    return new PoolConfig(name, balancer, servers, affinity, hashKey, hashLoadFactor, healthCheck, value, retries, queue, slowStart);
  }

  public PoolConfig withRetries(RetryConfig value) {
    return new PoolConfig(name, balancer, servers, affinity, hashKey, hashLoadFactor, healthCheck, passive, value, queue, slowStart);
  }

  public PoolConfig withQueue(QueueConfig value) {
    return new PoolConfig(name, balancer, servers, affinity, hashKey, hashLoadFactor, healthCheck, passive, retries, value, slowStart);
  }

  public PoolConfig withSlowStart(SlowStartConfig value) {
    return new PoolConfig(name, balancer, servers, affinity, hashKey, hashLoadFactor, healthCheck, passive, retries, queue, value);
  }
}
