package tether.proxy.balance;

import java.util.List;
import java.util.Objects;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;
import tether.stickiness.SessionCounts;

/** Prepares a balancer for one immutable list of servers. */
@FunctionalInterface
public interface BalancerFactory {

  Balancer create(List<Server> servers);

  /**
   * The factory for a configured algorithm.
   *
   * @throws IllegalArgumentException when the algorithm needs something the context lacks
   *     ({@code least-sessions} without session counts)
   */
  static BalancerFactory of(BalancerKind kind, BalancerContext context) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(context, "context");
    return switch (kind) {
      case WEIGHTED_ROUND_ROBIN -> SmoothWeightedRoundRobin::new;
      case RANDOM -> servers -> new WeightedRandom(servers, context.random());
      case POWER_OF_TWO_CHOICES -> servers -> new TwoChoices(servers, context.random(), LoadCosts::outstanding);
      case PEAK_EWMA -> servers -> new TwoChoices(servers, context.random(), LoadCosts::peakEwma);
      case LEAST_SESSIONS -> {
        SessionCounts sessions = context.sessions();
        if (sessions == null) {
          throw new IllegalArgumentException("balancer: " + kind.configName()
              + " (expected: an affinity that counts sessions)");
        }
        yield servers -> new LeastSessions(servers, sessions, context.random());
      }
      case CONSISTENT_HASH -> servers -> new BoundedLoadHash(servers, context.hashLoadFactor());
    };
  }

  /** The factory for a configured algorithm, with default randomness and no session counts. */
  static BalancerFactory of(BalancerKind kind) {
    return of(kind, BalancerContext.DEFAULT);
  }
}
