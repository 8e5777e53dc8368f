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
 * @param effectiveWeight the weight balancing uses now (equal to {@code weight} until ramps exist)
 * @param state           what the operator allows it to take
 * @param publicUrl       where clients reach it directly, for redirect routes; may be {@code null}
 * @param metrics         counters and timers of this server
 */
public record Server(
    String id,
    HostPort address,
    String route,
    int weight,
    int effectiveWeight,
    AdminState state,
    String publicUrl,
    ServerMetrics metrics) {

  public Server {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(metrics, "metrics");
    if (weight < 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
    }
    if (effectiveWeight < 0) {
      throw new IllegalArgumentException("effectiveWeight: " + effectiveWeight + " (expected: >= 0)");
    }
  }

  /** An active server whose route is its id and whose effective weight is its weight. */
  public Server(String id, HostPort address, int weight, ServerMetrics metrics) {
    this(id, address, id, weight, weight, AdminState.ACTIVE, null, metrics);
  }

  public Server withState(AdminState newState) {
    return new Server(id, address, route, weight, effectiveWeight, newState, publicUrl, metrics);
  }

  /** May the balancer give it a request without affinity? */
  public boolean acceptsNewSessions() {
    return state.acceptsNewSessions() && effectiveWeight > 0;
  }

  /** May a session pinned to it keep coming? */
  public boolean acceptsPinnedSessions() {
    return state.acceptsPinnedSessions();
  }
}
