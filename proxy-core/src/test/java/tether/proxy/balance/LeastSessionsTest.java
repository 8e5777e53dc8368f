package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;
import tether.proxy.testing.ManualScheduler;
import tether.stickiness.SessionTable;

/** Least sessions over a real session table, which counts a session once it is pinned. */
class LeastSessionsTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SessionTable<Integer> sessions = new SessionTable<>(Duration.ofDays(1), 1_000_000, scheduler::nanoTime);
  private final SplittableRandom random = new SplittableRandom(3);
  private final BalancerFactory factory =
      BalancerFactory.of(BalancerKind.LEAST_SESSIONS, new BalancerContext(() -> random, sessions, 1.25));
  private final TestServers servers = new TestServers(scheduler::nanoTime);
  private int nextSession;

  @Test
  void aServerAddedToFullOnesTakesTheNewSessionsUntilItCatchesUp() {
    List<Server> pool = servers.weighted(1, 1, 1, 1);
    int held = 100;
    for (Server old : pool.subList(0, 3)) {
      for (int i = 0; i < held; i++) {
        sessions.pin(nextSession++, old.id());
      }
    }
    Balancer balancer = factory.create(pool);

    for (int i = 0; i < held; i++) {
      assertThat(newSession(balancer)).isEqualTo("d");
    }
    for (int i = 0; i < 400; i++) {
      newSession(balancer);
      long most = pool.stream().mapToLong(s -> sessions.liveSessions(s.id())).max().orElseThrow();
      long least = pool.stream().mapToLong(s -> sessions.liveSessions(s.id())).min().orElseThrow();
      assertThat(most - least).isLessThanOrEqualTo(1);
    }
    assertThat(sessions.liveSessions()).containsOnly(
        Map.entry("a", 200L), Map.entry("b", 200L), Map.entry("c", 200L), Map.entry("d", 200L));
  }

  @Test
  void newSessionsSpreadByWeight() {
    assertShares(5, 1, 1);
    assertShares(3, 2, 1);
  }

  private void assertShares(int... weights) {
    List<Server> pool = new TestServers().weighted(weights);
    SessionTable<Integer> table = new SessionTable<>(Duration.ofDays(1), 1_000_000, scheduler::nanoTime);
    Balancer balancer =
        BalancerFactory.of(BalancerKind.LEAST_SESSIONS, new BalancerContext(() -> random, table, 1.25)).create(pool);
    int unit = 1000;
    for (int i = 0; i < 7 * unit; i++) {
      table.pin(i, balancer.pick(s -> true).id());
    }
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    // Every pick evens sessions per weight out, so the counts end within one weight of exact.
    for (int i = 0; i < weights.length; i++) {
      assertThat(table.liveSessions(pool.get(i).id()))
          .isCloseTo((long) 7 * unit * weights[i] / total, within((long) weights[i]));
    }
  }

  /** The first requests of new sessions are in flight before their sessions count: they must not herd. */
  @Test
  void aBurstBeforeAnySessionIsCountedSpreadsEvenly() {
    List<Server> pool = servers.weighted(1, 1, 1);
    Balancer balancer = factory.create(pool);
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      Server chosen = balancer.pick(s -> true);
      chosen.metrics().started();
      picks.merge(chosen.id(), 1, Integer::sum);
    }
    assertThat(picks).containsOnly(Map.entry("a", 10), Map.entry("b", 10), Map.entry("c", 10));
  }

  /** Ties are broken at random: with 3 000 picks at 1/3 each, 850..1150 is over five standard deviations. */
  @Test
  void tiesDoNotFavourTheFirstServer() {
    Balancer balancer = factory.create(servers.weighted(1, 1, 1));
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      picks.merge(balancer.pick(s -> true).id(), 1, Integer::sum);
    }
    assertThat(picks.values()).hasSize(3).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  /**
   * Sessions arrive one a millisecond and last 100 ms on average on A but 200 ms on B (they end at twice
   * the rate on A), so a session placed on A is half the load of one on B. Least sessions keeps the live
   * counts level, which by Little's law means A takes about twice the new sessions.
   */
  @Test
  void aServerWhoseSessionsAreHalfTheLoadGetsAboutTwiceTheNewOnes() {
    List<Server> pool = servers.weighted(1, 1);
    Balancer balancer = factory.create(pool);
    Map<String, Duration> meanLifetime = Map.of("a", Duration.ofMillis(100), "b", Duration.ofMillis(200));
    SplittableRandom lifetimes = new SplittableRandom(5);
    Map<String, Integer> picks = new HashMap<>();
    int arrivals = 50_000;
    for (int i = 0; i < arrivals; i++) {
      scheduler.schedule(() -> {
        String id = newSession(balancer);
        picks.merge(id, 1, Integer::sum);
        int session = nextSession - 1;
        double mean = meanLifetime.get(id).toNanos();
        scheduler.schedule(() -> sessions.unpin(session), (long) (-mean * Math.log(1 - lifetimes.nextDouble())));
      }, Duration.ofMillis(i).toNanos());
    }
    while (scheduler.pending() > 0) {
      scheduler.advance(Duration.ofSeconds(1));
    }

    assertThat((double) picks.get("a") / picks.get("b")).isBetween(1.6, 2.5);
  }

  /** Places a new session and counts it, as the affinity would once its response is sent. */
  private String newSession(Balancer balancer) {
    String id = balancer.pick(s -> true).id();
    sessions.pin(nextSession++, id);
    return id;
  }
}
