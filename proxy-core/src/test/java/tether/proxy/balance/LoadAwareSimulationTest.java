package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tether.proxy.balance.ClosedLoopSimulation.Backend;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;
import tether.proxy.testing.ManualScheduler;

/**
 * The request-load-aware algorithms under a simulated closed loop, against the real in-flight counters
 * and latency estimates of the servers' metrics on a simulated clock.
 */
class LoadAwareSimulationTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final TestServers servers = new TestServers(scheduler::nanoTime);
  private final SplittableRandom balancerRandom = new SplittableRandom(7);
  private final BalancerContext context = new BalancerContext(() -> balancerRandom, null, 1.25);

  /**
   * Each server serves one request at a time, A in 1 ms and B in 2 ms on average, so at full load A
   * carries half B's load per request. Eight clients keep both busy only if the balancer steers by load:
   * then every request ends as soon as its server can finish it, and A serves about twice as many. Round
   * robin, the control, sends half to each and lets the clients pile up behind B.
   */
  @ParameterizedTest
  @EnumSource(names = {"POWER_OF_TWO_CHOICES", "PEAK_EWMA", "WEIGHTED_ROUND_ROBIN"})
  void aServerTwiceAsFastGetsAboutTwiceTheRequests(BalancerKind kind) {
    List<Server> pool = servers.weighted(1, 1);
    List<Backend> backends = List.of(
        new Backend(pool.get(0), 1, Duration.ofMillis(1)), new Backend(pool.get(1), 1, Duration.ofMillis(2)));

    Map<String, Integer> picks = simulate(kind, pool, backends, 8, 40_000);

    double ratio = (double) picks.get("a") / picks.get("b");
    if (kind == BalancerKind.WEIGHTED_ROUND_ROBIN) {
      assertThat(ratio).isCloseTo(1.0, within(0.01));
    } else {
      assertThat(ratio).isBetween(1.6, 2.5);
    }
  }

  /**
   * Servers as fast as each other and able to serve every client at once (no queue): the in-flight
   * requests, and so the picks, settle in proportion to the weights. Tolerance: 0.04 of the share, about
   * what the "+ 1" in {@code (inFlight + 1) / weight} shifts toward the heavy server with these loads.
   */
  @ParameterizedTest
  @EnumSource(names = {"POWER_OF_TWO_CHOICES", "PEAK_EWMA"})
  void equalServersUnderLoadShareByWeight(BalancerKind kind) {
    assertShares(kind, new int[] {5, 1, 1}, 70);
    assertShares(kind, new int[] {3, 2, 1}, 60);
  }

  private void assertShares(BalancerKind kind, int[] weights, int clients) {
    List<Server> pool = new TestServers(scheduler::nanoTime).weighted(weights);
    List<Backend> backends = new ArrayList<>();
    for (Server server : pool) {
      backends.add(new Backend(server, clients, Duration.ofMillis(10)));
    }
    int requests = 50_000;
    Map<String, Integer> picks = simulate(kind, pool, backends, clients, requests);
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    for (int i = 0; i < weights.length; i++) {
      double share = (double) picks.getOrDefault(pool.get(i).id(), 0) / requests;
      assertThat(share).as("share of %s", pool.get(i).id()).isCloseTo((double) weights[i] / total, within(0.04));
    }
  }

  private Map<String, Integer> simulate(
      BalancerKind kind, List<Server> pool, List<Backend> backends, int clients, int requests) {
    Balancer balancer = BalancerFactory.of(kind, context).create(pool);
    return new ClosedLoopSimulation(scheduler, balancer, backends, 11).run(clients, requests);
  }
}
