package tether.proxy.pool;

import java.util.Objects;
import tether.proxy.config.HostPort;
import tether.proxy.metrics.ServerMetrics;

/**
 * One server of a pool as a snapshot sees it. Identity is the id within the pool; the metrics object
 * lives as long as the server does and is shared by every snapshot that holds it.
 *
 * @param id              unique within the pool
 * @param address         where Tether connects
 * @param route           the name the application appends to its session ids on this server
 * @param weight          the configured weight, what the operator set
 * @param effectiveWeight the weight balancing uses now, in hundredths of a configured weight
 *                        ({@link #WEIGHT_SCALE}): after slow start, the server's own requested share
 *                        and the operator's ramp
 * @param state           what the operator allows it to take
 * @param publicUrl       where clients reach it directly, for redirect routes; may be {@code null}
 * @param metrics         counters and timers of this server
 * @param health          whether checks and recent failures allow it any request
 * @param slots           its limit of concurrent requests and the queue above it; shared by every
 *                        snapshot, like the metrics
 */
public record Server(
    String id,
    HostPort address,
    String route,
    int weight,
    int effectiveWeight,
    AdminState state,
    String publicUrl,
    ServerMetrics metrics,
    Health health,
    ServerSlots slots) {

  /** Effective weights count hundredths of a configured weight, so that ramps of small weights are smooth. */
  public static final int WEIGHT_SCALE = 100;

  /** The highest configured weight. */
  public static final int MAX_WEIGHT = 1000;

  public Server {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(slots, "slots");
    if (weight < 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
    }
    if (effectiveWeight < 0) {
      throw new IllegalArgumentException("effectiveWeight: " + effectiveWeight + " (expected: >= 0)");
    }
  }

  /** An active server whose route is its id and whose effective weight is its weight. */
  public Server(String id, HostPort address, int weight, ServerMetrics metrics) {
    this(id, address, id, weight, weight * WEIGHT_SCALE, AdminState.ACTIVE, null, metrics, Health.UP,
        ServerSlots.UNLIMITED);
  }

  public Server withState(AdminState newState) {
    return new Server(id, address, route, weight, effectiveWeight, newState, publicUrl, metrics, health, slots);
  }

  /** May the balancer give it a request without affinity? */
  public boolean acceptsNewSessions() {
    return state.acceptsNewSessions() && health.available() && effectiveWeight > 0;
  }

  /** May a session pinned to it keep coming? */
  public boolean acceptsPinnedSessions() {
    return state.acceptsPinnedSessions() && health.available();
  }
}
