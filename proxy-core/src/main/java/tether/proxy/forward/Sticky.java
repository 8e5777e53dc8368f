package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import tether.proxy.affinity.PoolAffinity;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;

/**
 * The affinity of one exchange: what was read from the request, and what becomes of it if the chosen
 * server fails. Only the exchange's serializer changes it.
 */
final class Sticky {

  private final PoolAffinity affinity;
  private final RequestView request;
  private Resolution resolution;
  private boolean recorded;

  Sticky(PoolAffinity affinity, RequestView request, Resolution resolution) {
    this.affinity = affinity;
    this.request = request;
    this.resolution = resolution;
  }

  Resolution resolution() {
    return resolution;
  }

  /** Whether the request went to the server its session is pinned to. */
  boolean pinned() {
    return resolution.outcome() == Outcome.VALID;
  }

  /** The pinned server failed before it got the request: the session moves, or is refused. */
  boolean insistsAfterFailure() {
    return pinned() && affinity.insists();
  }

  void serverFailed(String serverId) {
    if (pinned()) {
      resolution = resolution.withOutcome(Outcome.REDISPATCHED, "server " + serverId + " failed");
    }
  }

  String retryAfterSeconds() {
    return affinity.retryAfterSeconds();
  }

  void respond(String servedBy, HttpServerExchange exchange) {
    affinity.respond(request, resolution, servedBy, exchange);
  }

  /** Counts a refusal instead of the outcome: the pinned server failed and the pool insists. */
  void recordRefused() {
    if (!recorded) {
      recorded = true;
      affinity.recordRefused(resolution);
    }
  }

  /** Counts the outcome, once, however the exchange ends. */
  void record() {
    if (!recorded) {
      recorded = true;
      affinity.record(resolution);
    }
  }
}
