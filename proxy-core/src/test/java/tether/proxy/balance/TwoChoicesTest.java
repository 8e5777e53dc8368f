package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;

/** Which of two candidates wins, with two servers so that every pick compares both. */
class TwoChoicesTest {

  private static final long MS = 1_000_000L;

  private final TestServers servers = new TestServers();
  private final SplittableRandom random = new SplittableRandom(30);
  private final BalancerContext context = new BalancerContext(() -> random, null, 1.25);

  @Test
  void outstandingRequestsCountPerUnitOfWeight() {
    Server light = servers.server("a", 1);
    Server heavy = servers.server("b", 2);
    inFlight(light, 3);
    inFlight(heavy, 5);
    Balancer balancer = BalancerFactory.of(BalancerKind.POWER_OF_TWO_CHOICES, context).create(List.of(light, heavy));
    // (3 + 1) / 1 against (5 + 1) / 2.
    assertThat(picks(balancer, 100)).containsOnly(Map.entry("b", 100));
    inFlight(heavy, 2);
    // (3 + 1) / 1 against (7 + 1) / 2: a tie, so the first drawn wins, by weight.
    assertThat(picks(balancer, 3000).get("a")).isBetween(850, 1150);
  }

  @Test
  void peakEwmaWeighsLatencyByOutstandingRequests() {
    Server fast = servers.server("a", 1);
    Server slow = servers.server("b", 1);
    latency(fast, 10 * MS);
    latency(slow, 20 * MS);
    Balancer balancer = BalancerFactory.of(BalancerKind.PEAK_EWMA, context).create(List.of(fast, slow));
    assertThat(picks(balancer, 100)).containsOnly(Map.entry("a", 100));
    // 10 ms * 3 against 20 ms * 1.
    inFlight(fast, 2);
    assertThat(picks(balancer, 100)).containsOnly(Map.entry("b", 100));
  }

  /** A new server is tried at once, but not herded onto: it competes on outstanding requests alone. */
  @Test
  void aServerWithoutSamplesBorrowsTheOthersLatency() {
    Server known = servers.server("a", 1);
    Server fresh = servers.server("b", 1);
    latency(known, 50 * MS);
    Balancer balancer = BalancerFactory.of(BalancerKind.PEAK_EWMA, context).create(List.of(known, fresh));
    assertThat(picks(balancer, 2000).get("b")).isBetween(850, 1150);
    inFlight(fresh, 1);
    assertThat(picks(balancer, 100)).containsOnly(Map.entry("a", 100));
    inFlight(known, 2);
    assertThat(picks(balancer, 100)).containsOnly(Map.entry("b", 100));
  }

  private static void inFlight(Server server, int requests) {
    for (int i = 0; i < requests; i++) {
      server.metrics().started();
    }
  }

  private static void latency(Server server, long nanos) {
    server.metrics().started();
    server.metrics().finished(nanos);
  }

  private static Map<String, Integer> picks(Balancer balancer, int n) {
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < n; i++) {
      picks.merge(balancer.pick(s -> true).id(), 1, Integer::sum);
    }
    return picks;
  }
}
