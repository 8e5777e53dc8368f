package tether.proxy.pool;

import java.util.Objects;
import tether.proxy.config.HostPort;
import tether.proxy.metrics.ServerMetrics;

/**
 * One server of a pool as a snapshot sees it. Identity is the id within the pool; the metrics object
 * lives as long as the server does and is shared by every snapshot that holds it.
 *
 * @param id      unique within the pool
 * @param address where Tether connects
 * @param weight  the configured weight, what the operator set
 * @param effectiveWeight the weight balancing uses now (equal to {@code weight} until ramps exist)
 * @param metrics counters and timers of this server
 */
public record Server(String id, HostPort address, int weight, int effectiveWeight, ServerMetrics metrics) {

  public Server {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(metrics, "metrics");
    if (weight < 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
    }
    if (effectiveWeight < 0) {
      throw new IllegalArgumentException("effectiveWeight: " + effectiveWeight + " (expected: >= 0)");
    }
  }
}
