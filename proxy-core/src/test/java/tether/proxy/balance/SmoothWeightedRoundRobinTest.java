package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BalancerKind;
import tether.proxy.config.HostPort;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.Server;

class SmoothWeightedRoundRobinTest {

  private final MetricRegistry registry = new MetricRegistry();

  @Test
  void weightsFiveOneOneInterleave() {
    Balancer balancer = create(5, 1, 1);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      order.append(balancer.pick(s -> true).id());
    }
    assertThat(order.toString()).isEqualTo("aabacaa");
  }

  @Test
  void everyCycleGivesExactShares() {
    Balancer balancer = create(5, 1, 1);
    assertThat(count(balancer, 7000)).containsEntry("a", 5000).containsEntry("b", 1000).containsEntry("c", 1000);
  }

  @Test
  void commonDivisorsDoNotChangeShares() {
    assertThat(count(create(300, 100, 200), 600))
        .containsEntry("a", 300)
        .containsEntry("b", 100)
        .containsEntry("c", 200);
  }

  @Test
  void zeroWeightIsNeverPicked() {
    Map<String, Integer> counts = count(create(2, 0, 1), 300);
    assertThat(counts).containsEntry("a", 200).containsEntry("c", 100).doesNotContainKey("b");
  }

  @Test
  void allZeroOrEmptyPicksNothing() {
    assertThat(create(0, 0).pick(s -> true)).isNull();
    assertThat(create().pick(s -> true)).isNull();
  }

  @Test
  void ineligibleServersAreSkipped() {
    Balancer balancer = create(1, 1, 1);
    for (int i = 0; i < 10; i++) {
      assertThat(balancer.pick(s -> !s.id().equals("b")).id()).isNotEqualTo("b");
    }
    assertThat(balancer.pick(s -> false)).isNull();
  }

  @Test
  void theCounterMayWrapWithoutANegativeIndex() throws Exception {
    SmoothWeightedRoundRobin balancer = (SmoothWeightedRoundRobin) create(1, 2);
    var next = SmoothWeightedRoundRobin.class.getDeclaredField("next");
    next.setAccessible(true);
    ((java.util.concurrent.atomic.AtomicLong) next.get(balancer)).set(Long.MAX_VALUE - 2);
    for (int i = 0; i < 6; i++) {
      assertThat(balancer.pick(s -> true)).isNotNull();
    }
  }

  /** Ramping hundredths leave no common divisor: 50 servers of weight 1000 would need a 5-million table. */
  @Test
  void largeWeightsWithoutACommonDivisorKeepTheTableShort() throws Exception {
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int effective = i == 0 ? 37 : 1000 * Server.WEIGHT_SCALE;
      servers.add(new TestServers().server("s" + i, 1000, effective));
    }
    SmoothWeightedRoundRobin balancer = (SmoothWeightedRoundRobin) BalancerFactory.of(BalancerKind.WEIGHTED_ROUND_ROBIN)
        .create(servers);
    var sequence = SmoothWeightedRoundRobin.class.getDeclaredField("sequence");
    sequence.setAccessible(true);
    int length = ((int[]) sequence.get(balancer)).length;
    assertThat(length).isBetween(SmoothWeightedRoundRobin.MAX_SEQUENCE - 50, SmoothWeightedRoundRobin.MAX_SEQUENCE + 50);

    Map<String, Integer> counts = count(balancer, length);
    assertThat(counts).hasSize(50).containsEntry("s0", 1);
    assertThat(counts.get("s1")).isBetween(length / 49 - 2, length / 49 + 2);
  }

  private Balancer create(int... weights) {
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      String id = String.valueOf((char) ('a' + i));
      servers.add(
          new Server(id, new HostPort("127.0.0.1", 9000 + i), weights[i], new ServerMetrics(registry, "p", id)));
    }
    return BalancerFactory.of(BalancerKind.WEIGHTED_ROUND_ROBIN).create(servers);
  }

  private static Map<String, Integer> count(Balancer balancer, int picks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(balancer.pick(s -> true).id(), 1, Integer::sum);
    }
    return counts;
  }
}
