package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;

/**
 * Shares by weight of the algorithms that need no load to show them. The load-aware ones are checked
 * under simulated load (LoadAwareSimulationTest, LeastSessionsTest, BoundedLoadHashTest): on an idle
 * pool two choices always keeps the heavier candidate, by design.
 */
class DistributionTest {

  @Test
  void roundRobinIsExact() {
    Balancer balancer = BalancerFactory.of(BalancerKind.WEIGHTED_ROUND_ROBIN).create(new TestServers().weighted(3, 2, 1));
    assertThat(count(balancer, 6000)).containsOnly(Map.entry("a", 3000), Map.entry("b", 2000), Map.entry("c", 1000));
  }

  /** 70 000 draws: one standard deviation of a share is below 0.002, so 0.01 is over five. */
  @Test
  void randomFollowsTheWeights() {
    assertRandomShares(5, 1, 1);
    assertRandomShares(3, 2, 1);
  }

  /** The quick draws land on ineligible servers often here, so the exact fallback decides most picks. */
  @Test
  void randomKeepsTheWeightsAmongTheEligible() {
    SplittableRandom random = new SplittableRandom(6);
    Balancer balancer = BalancerFactory.of(BalancerKind.RANDOM, new BalancerContext(() -> random, null, 1.25))
        .create(new TestServers().weighted(10, 3, 1));
    Map<String, Integer> picks = new HashMap<>();
    int total = 40_000;
    for (int i = 0; i < total; i++) {
      picks.merge(balancer.pick(s -> !s.id().equals("a")).id(), 1, Integer::sum);
    }
    assertThat((double) picks.get("b") / total).isCloseTo(0.75, within(0.01));
    assertThat((double) picks.get("c") / total).isCloseTo(0.25, within(0.01));
  }

  private static void assertRandomShares(int... weights) {
    SplittableRandom random = new SplittableRandom(12);
    List<Server> pool = new TestServers().weighted(weights);
    Balancer balancer = BalancerFactory.of(BalancerKind.RANDOM, new BalancerContext(() -> random, null, 1.25)).create(pool);
    int total = 70_000;
    Map<String, Integer> picks = count(balancer, total);
    int weightSum = 0;
    for (int weight : weights) {
      weightSum += weight;
    }
    for (int i = 0; i < weights.length; i++) {
      assertThat((double) picks.get(pool.get(i).id()) / total)
          .as("share of %s", pool.get(i).id())
          .isCloseTo((double) weights[i] / weightSum, within(0.01));
    }
  }

  private static Map<String, Integer> count(Balancer balancer, int picks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(balancer.pick(s -> true).id(), 1, Integer::sum);
    }
    return counts;
  }
}
