package tether.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tether.proxy.balance.BalancerFactory;
import tether.proxy.config.BalancerKind;
import tether.proxy.config.HostPort;
import tether.proxy.config.SlowStartConfig;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.testing.ManualScheduler;

class PoolTest {

  private final MetricRegistry registry = new MetricRegistry();
  private final ManualScheduler clock = new ManualScheduler();
  private static final SlowStartConfig LINEAR_10S =
      new SlowStartConfig(Duration.ofSeconds(10), 10, RampCurve.LINEAR);

  private Server server(String id, int port, int weight) {
    return new Server(id, new HostPort("127.0.0.1", port), weight, new ServerMetrics(registry, "p", id));
  }

  private Pool pool(SlowStartConfig slowStart, Server... servers) {
    return new Pool("p", BalancerFactory.of(BalancerKind.WEIGHTED_ROUND_ROBIN), List.of(servers), clock, slowStart);
  }

  private int effective(Pool pool, String id) {
    return pool.snapshot().server(id).effectiveWeight();
  }

  @Test
  void serversPresentAtStartAreNotEasedIn() {
    Pool pool = pool(LINEAR_10S, server("a", 1, 2), server("b", 2, 1));
    assertThat(effective(pool, "a")).isEqualTo(200);
    assertThat(effective(pool, "b")).isEqualTo(100);
    assertThat(clock.pending()).isZero();
  }

  @Test
  void aServerThatComesBackUpFollowsTheLinearCurve() {
    Pool pool = pool(LINEAR_10S, server("a", 1, 4), server("b", 2, 4));
    pool.healthChanged("b", false);
    assertThat(pool.snapshot().server("b").health()).isEqualTo(Health.DOWN);
    assertThat(pool.snapshot().server("b").acceptsNewSessions()).isFalse();
    assertThat(pool.snapshot().server("b").acceptsPinnedSessions()).isFalse();

    clock.advance(Duration.ofSeconds(30));
    pool.healthChanged("b", true);
    List<Integer> seen = new ArrayList<>();
    for (int second = 0; second <= 11; second++) {
      seen.add(effective(pool, "b"));
      clock.advance(Duration.ofSeconds(1));
    }
    // 10% of 400 at the start, +36 a second, all of it at 10 s; snapshots are republished by the pool itself.
    assertThat(seen).containsExactly(40, 76, 112, 148, 184, 220, 256, 292, 328, 364, 400, 400);
    assertThat(effective(pool, "a")).isEqualTo(400);
    assertThat(clock.pending()).as("no more ticks once the ramp is over").isZero();
  }

  @Test
  void easeInStartsSlowlyAndEaseOutQuickly() {
    Pool in = pool(new SlowStartConfig(Duration.ofSeconds(10), 0, RampCurve.EASE_IN), server("a", 1, 1), server("b", 2, 1));
    in.setState("b", AdminState.MAINTENANCE);
    in.setState("b", AdminState.ACTIVE);
    clock.advance(Duration.ofSeconds(5));
    assertThat(effective(in, "b")).isEqualTo(25);

    Pool out = pool(new SlowStartConfig(Duration.ofSeconds(10), 0, RampCurve.EASE_OUT), server("a", 3, 1), server("b", 4, 1));
    out.ejected("b", true);
    assertThat(out.snapshot().server("b").health()).isEqualTo(Health.EJECTED);
    out.ejected("b", false);
    clock.advance(Duration.ofSeconds(5));
    assertThat(effective(out, "b")).isEqualTo(75);
  }

  @Test
  void drainingAndBackIsNotSlowStarted() {
    Pool pool = pool(LINEAR_10S, server("a", 1, 1), server("b", 2, 1));
    pool.setState("b", AdminState.DRAINING);
    assertThat(pool.snapshot().server("b").acceptsNewSessions()).isFalse();
    assertThat(pool.snapshot().server("b").acceptsPinnedSessions()).isTrue();
    pool.setState("b", AdminState.ACTIVE);
    assertThat(effective(pool, "b")).isEqualTo(100);
  }

  @Test
  void anAddedServerIsEasedInAndAnnounced() {
    Pool pool = pool(LINEAR_10S, server("a", 1, 1));
    List<List<Server>> announced = new ArrayList<>();
    pool.onMembershipChange(announced::add);
    pool.addServer(server("b", 2, 1));
    assertThat(effective(pool, "b")).isEqualTo(10);
    clock.advance(Duration.ofSeconds(10));
    assertThat(effective(pool, "b")).isEqualTo(100);
    assertThat(announced).hasSize(1);
    assertThat(announced.get(0)).extracting(Server::id).containsExactly("a", "b");

    assertThatThrownBy(() -> pool.addServer(server("b", 3, 1))).hasMessageContaining("id: b");
    assertThatThrownBy(() -> pool.addServer(server("c", 2, 1))).hasMessageContaining("address: 127.0.0.1:2");
    pool.removeServer("a");
    assertThat(pool.snapshot().server("a")).isNull();
    assertThatThrownBy(() -> pool.removeServer("a")).hasMessage("server: a (expected: a server of pool p)");
  }

  @Test
  void theServersOwnRequestsCombineWithTheOperators() {
    Pool pool = pool(SlowStartConfig.OFF, server("a", 1, 2), server("b", 2, 2));
    pool.agent("b", AgentState.READY, 50);
    assertThat(effective(pool, "b")).isEqualTo(100);
    pool.agent("b", AgentState.DRAIN, null);
    assertThat(pool.snapshot().server("b").state()).isEqualTo(AdminState.DRAINING);
    pool.setState("b", AdminState.MAINTENANCE);
    assertThat(pool.snapshot().server("b").state()).as("the stricter wins").isEqualTo(AdminState.MAINTENANCE);
    pool.setState("b", AdminState.ACTIVE);
    assertThat(pool.snapshot().server("b").state()).isEqualTo(AdminState.DRAINING);
    pool.agent("b", AgentState.READY, null);
    assertThat(pool.snapshot().server("b").state()).isEqualTo(AdminState.ACTIVE);
    assertThatThrownBy(() -> pool.agent("b", null, 101)).hasMessage("weightPercent: 101 (expected: 0..100)");
    pool.healthChanged("unknown", false);
  }

  @Test
  void operatorRampsMoveTheWeightAndCanBePausedResumedAndAborted() {
    Pool pool = pool(SlowStartConfig.OFF, server("a", 1, 10), server("b", 2, 10));
    pool.startRamp("b", 0, Duration.ofSeconds(10), RampCurve.LINEAR);
    clock.advance(Duration.ofSeconds(2));
    assertThat(effective(pool, "b")).isEqualTo(800);
    assertThat(pool.snapshot().server("b").weight()).as("the set weight until the ramp ends").isEqualTo(10);
    assertThat(pool.pauseRamp("b")).isTrue();
    clock.advance(Duration.ofSeconds(100));
    assertThat(effective(pool, "b")).isEqualTo(800);
    assertThat(pool.ramp("b").progress(clock.nanoTime())).isEqualTo(0.2);
    pool.resumeRamp("b");
    clock.advance(Duration.ofSeconds(3));
    assertThat(effective(pool, "b")).isEqualTo(500);
    clock.advance(Duration.ofSeconds(10));
    assertThat(effective(pool, "b")).isZero();
    assertThat(pool.snapshot().server("b").weight()).isZero();
    assertThat(pool.snapshot().server("b").acceptsNewSessions()).isFalse();
    assertThat(pool.ramp("b")).isNull();
    assertThat(pool.abortRamp("b")).isFalse();

    pool.startRamp("b", 10, Duration.ofSeconds(10), RampCurve.LINEAR);
    clock.advance(Duration.ofSeconds(4));
    assertThat(pool.abortRamp("b")).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(pool.snapshot().server("b").weight()).isEqualTo(4);
    assertThat(effective(pool, "b")).isEqualTo(400);
    assertThatThrownBy(() -> pool.startRamp("b", 1001, Duration.ofSeconds(1), RampCurve.LINEAR))
        .hasMessage("weight: 1001 (expected: 0..1000)");
    assertThatThrownBy(() -> pool.startRamp("b", 1, Duration.ZERO, RampCurve.LINEAR))
        .hasMessage("duration: PT0S (expected: > 0)");
  }

  @Test
  void aWeightOfOneStillRampsSmoothly() {
    Pool pool = pool(LINEAR_10S, server("a", 1, 1), server("b", 2, 1));
    pool.healthChanged("b", false);
    pool.healthChanged("b", true);
    clock.advance(Duration.ofMillis(250));
    int early = effective(pool, "b");
    clock.advance(Duration.ofSeconds(5));
    int later = effective(pool, "b");
    assertThat(early).isBetween(10, 15);
    assertThat(later).isBetween(55, 60);
  }
}
