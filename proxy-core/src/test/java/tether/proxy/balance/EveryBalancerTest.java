package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tether.proxy.config.BalancerKind;
import tether.proxy.pool.Server;
import tether.stickiness.SessionTable;

/** What every algorithm promises, whatever it optimises. */
class EveryBalancerTest {

  private final TestServers servers = new TestServers();
  private final SplittableRandom random = new SplittableRandom(10);
  private final SplittableRandom hashes = new SplittableRandom(20);
  private final SessionTable<Integer> sessions = new SessionTable<>(Duration.ofDays(1), 1000, () -> 0L);
  private final BalancerContext context = new BalancerContext(() -> random, sessions, 1.25);

  @ParameterizedTest
  @EnumSource(BalancerKind.class)
  void picksOnlyWhatTheEligiblePredicateAccepts(BalancerKind kind) {
    // Equal weights: on an idle pool two choices would otherwise always keep the heavier candidate.
    Balancer balancer = create(kind, servers.weighted(1, 1, 1, 1, 1));
    Set<String> picked = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      picked.add(balancer.pick(s -> !s.id().equals("b") && !s.id().equals("d"), hashes.nextLong()).id());
    }
    assertThat(picked).containsExactlyInAnyOrder("a", "c", "e");
  }

  @ParameterizedTest
  @EnumSource(BalancerKind.class)
  void picksNothingWhenNothingIsEligible(BalancerKind kind) {
    assertThat(create(kind, List.of()).pick(s -> true, 1)).isNull();
    assertThat(create(kind, servers.weighted(1, 2)).pick(s -> false, 1)).isNull();
    assertThat(create(kind, List.of(servers.server("z", 3, 0))).pick(s -> true, 1)).isNull();
  }

  @ParameterizedTest
  @EnumSource(BalancerKind.class)
  void neverPicksAServerWithoutEffectiveWeight(BalancerKind kind) {
    Server ramping = servers.server("r", 5, 0);
    Balancer balancer = create(kind, List.of(servers.server("x", 1), ramping, servers.server("y", 1)));
    for (int i = 0; i < 1000; i++) {
      assertThat(balancer.pick(s -> true, hashes.nextLong())).isNotNull().isNotSameAs(ramping);
    }
  }

  @ParameterizedTest
  @EnumSource(BalancerKind.class)
  void onlyConsistentHashReadsTheHash(BalancerKind kind) {
    assertThat(create(kind, servers.weighted(1)).usesHash()).isEqualTo(kind == BalancerKind.CONSISTENT_HASH);
  }

  private Balancer create(BalancerKind kind, List<Server> list) {
    return BalancerFactory.of(kind, context).create(list);
  }
}
