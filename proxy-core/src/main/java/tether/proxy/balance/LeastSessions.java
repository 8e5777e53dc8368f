package tether.proxy.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tether.proxy.pool.Server;
import tether.stickiness.SessionCounts;

/**
 * Fewest sessions per unit of weight, so that servers added after a scale-out take the new sessions until
 * they hold their share: round robin or random would leave them under-used for as long as the old
 * sessions live.
 *
 * <p>The load of a server is its live sessions plus its in-flight requests. A new session is counted only
 * once its response has taught the affinity where it lives, so on sessions alone a burst of new visitors
 * would all see the same least loaded server and herd onto it; their first requests are in flight
 * meanwhile, so adding in-flight counts each of them from the moment it is placed. It also nudges new
 * sessions away from servers busy with the existing ones. A full scan rather than two random choices,
 * because after a scale-out the new server should get nearly every new session, not the fraction of picks
 * in which it happens to be drawn.
 *
 * <p>Ties (every server at the start, and whenever the loads even out) are broken uniformly at random
 * among the tied servers, so that the first server in the list is not favoured.
 */
final class LeastSessions implements Balancer {

  private final Server[] servers;
  private final SessionCounts sessions;
  private final Supplier<RandomGenerator> random;

  LeastSessions(List<Server> servers, SessionCounts sessions, Supplier<RandomGenerator> random) {
    List<Server> weighted = new ArrayList<>();
    for (Server server : servers) {
      if (server.effectiveWeight() > 0) {
        weighted.add(server);
      }
    }
    this.servers = weighted.toArray(new Server[0]);
    this.sessions = sessions;
    this.random = random;
  }

  @Override
  public Server pick(Predicate<? super Server> eligible, long hash) {
    Server best = null;
    long bestLoad = 0;
    int ties = 0;
    RandomGenerator generator = null;
    for (Server server : servers) {
      if (!eligible.test(server)) {
        continue;
      }
      long load = sessions.liveSessions(server.id()) + server.metrics().inFlight();
      // load / weight compared by cross-multiplying, exact for any realistic count and weight.
      int order = best == null ? -1
          : Long.compare(load * best.effectiveWeight(), bestLoad * server.effectiveWeight());
      if (order < 0) {
        best = server;
        bestLoad = load;
        ties = 1;
      } else if (order == 0) {
        // Reservoir sampling of one: the k-th tied server replaces the choice with probability 1/k.
        ties++;
        if (generator == null) {
          generator = random.get();
        }
        if (generator.nextInt(ties) == 0) {
          best = server;
          bestLoad = load;
        }
      }
    }
    return best;
  }
}
