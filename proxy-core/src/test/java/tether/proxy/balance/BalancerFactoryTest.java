package tether.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BalancerKind;

class BalancerFactoryTest {

  @Test
  void everyAlgorithmHasItsConfigName() {
    assertThat(Arrays.stream(BalancerKind.values()).map(BalancerKind::configName)).containsExactly(
        "weighted-round-robin", "random", "power-of-two-choices", "peak-ewma", "least-sessions", "consistent-hash");
  }

  @Test
  void theDefaultContextServesEveryAlgorithmButLeastSessions() {
    for (BalancerKind kind : BalancerKind.values()) {
      if (kind != BalancerKind.LEAST_SESSIONS) {
        assertThat(BalancerFactory.of(kind).create(new TestServers().weighted(2, 1)).pick(s -> true)).isNotNull();
      }
    }
  }

  @Test
  void leastSessionsNeedsAnAffinityThatCountsSessions() {
    assertThatThrownBy(() -> BalancerFactory.of(BalancerKind.LEAST_SESSIONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("balancer: least-sessions (expected: an affinity that counts sessions)");
  }

  @Test
  void theHashLoadFactorMustExceedOne() {
    assertThat(BalancerContext.DEFAULT.hashLoadFactor()).isEqualTo(1.25);
    assertThatThrownBy(() -> new BalancerContext(ThreadLocalRandom::current, null, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hashLoadFactor: 0.9 (expected: > 1)");
    assertThatThrownBy(() -> new BalancerContext(ThreadLocalRandom::current, null, 1.0))
        .hasMessage("hashLoadFactor: 1.0 (expected: > 1)");
    assertThatThrownBy(() -> new BalancerContext(ThreadLocalRandom::current, null, Double.NaN))
        .hasMessage("hashLoadFactor: NaN (expected: > 1)");
    assertThatThrownBy(() -> new BalancerContext(null, null, 2)).isInstanceOf(NullPointerException.class);
  }
}
