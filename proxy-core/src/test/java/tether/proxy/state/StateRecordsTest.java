package tether.proxy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateRecordsTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:30:00Z");
  private static final String FORMAT = "^[\\w\\[\\].-]+( key| element)?: .* \\(expected: .+\\)$";

  @Test
  void refusesNegativeWeights() {
    assertRefused(() -> new ServerOverrides(-1, null, null, null), "weight: -1 (expected: >= 0)");
    assertRefused(() -> new AddedServer("app-9", "10.0.0.9:8080", -3, null), "weight: -3 (expected: >= 0)");
    assertRefused(() -> RampState.start(-1, 5, T0, Duration.ofMinutes(1), RampState.LINEAR), "from: -1 (expected: >= 0)");
    assertRefused(() -> RampState.start(1, -5, T0, Duration.ofMinutes(1), RampState.LINEAR), "target: -5 (expected: >= 0)");
  }

  @Test
  void refusesUnknownCurvesAndStates() {
    assertRefused(
        () -> RampState.start(1, 5, T0, Duration.ofMinutes(1), "wobbly"),
        "curve: \"wobbly\" (expected: one of linear, ease-in, ease-out)");
    assertRefused(
        () -> RampState.start(1, 5, T0, Duration.ofMinutes(1), null),
        "curve: null (expected: one of linear, ease-in, ease-out)");
    assertRefused(
        () -> new ServerOverrides(null, "DRAINING", null, null),
        "state: \"DRAINING\" (expected: one of draining, maintenance)");
  }

  @Test
  void refusesBlankIdsAndNames() {
    assertRefused(() -> new AddedServer(" ", "10.0.0.9:8080", 1, null), "id: \" \" (expected: not blank)");
    assertRefused(() -> new AddedServer(null, "10.0.0.9:8080", 1, null), "id: null (expected: not blank)");
    assertRefused(() -> new AddedServer("app-9", "", 1, null), "address: \"\" (expected: not blank)");
    assertRefused(() -> new AddedServer("app-9", "10.0.0.9:8080", 1, ""), "route: \"\" (expected: not blank)");
    assertRefused(() -> PoolState.empty(""), "name: \"\" (expected: not blank)");
    assertRefused(() -> PoolState.empty("web").withRemoved(" "), "serverId: \" \" (expected: not blank)");
    assertRefused(
        () -> new PoolState("web", Map.of("", ServerOverrides.NONE.withWeight(1)), List.of(), Set.of()),
        "overrides key: \"\" (expected: not blank)");
    assertRefused(() -> new PoolState("web", Map.of(), List.of(), Set.of("")), "removed element: \"\" (expected: not blank)");
  }

  @Test
  void refusesInconsistentTimesAndDurations() {
    assertRefused(() -> new DrainState(null, null), "started: null (expected: an instant)");
    assertRefused(
        () -> new DrainState(T0, T0.minusSeconds(1)),
        "deadline: 2025-01-31T09:29:59Z (expected: not before started, which is 2025-01-31T09:30:00Z)");
    assertRefused(
        () -> RampState.start(1, 5, T0, Duration.ZERO, RampState.LINEAR), "duration: PT0S (expected: a duration > 0)");
    assertRefused(
        () -> new RampState(1, 5, T0, Duration.ofMinutes(1), RampState.LINEAR, null, Duration.ofSeconds(-1)),
        "pausedFor: PT-1S (expected: a duration >= 0)");
    assertRefused(
        () -> new RampState(1, 5, T0, Duration.ofMinutes(1), RampState.LINEAR, T0.minusSeconds(5), Duration.ZERO),
        "pausedAt: 2025-01-31T09:29:55Z (expected: not before started, which is 2025-01-31T09:30:00Z)");
  }

  @Test
  void keepsTheDrainAndTheDrainingStateTogether() {
    assertRefused(
        () -> new ServerOverrides(null, ServerOverrides.DRAINING, null, null),
        "drain: null (expected: a drain's timing while the state is draining)");
    assertRefused(
        () -> new ServerOverrides(null, ServerOverrides.MAINTENANCE, null, new DrainState(T0, null)),
        "drain: DrainState[started=2025-01-31T09:30:00Z, deadline=null] (expected: none unless the state is draining)");

    ServerOverrides draining = ServerOverrides.NONE.withWeight(3).withDrain(new DrainState(T0, null));
    assertThat(draining.state()).isEqualTo(ServerOverrides.DRAINING);
    assertThat(draining.withMaintenance()).isEqualTo(new ServerOverrides(3, ServerOverrides.MAINTENANCE, null, null));
    assertThat(draining.withActive()).isEqualTo(new ServerOverrides(3, null, null, null));
  }

  @Test
  void refusesAServerAddedTwiceAndAPoolUnderAnotherName() {
    AddedServer a = new AddedServer("app-9", "10.0.0.9:8080", 1, null);
    AddedServer again = new AddedServer("app-9", "10.0.0.10:8080", 2, null);
    assertRefused(
        () -> new PoolState("web", Map.of(), List.of(a, again), Set.of()), "added: \"app-9\" (expected: each server id once)");
    assertRefused(
        () -> new RuntimeState(Map.of("web", PoolState.empty("api").withRemoved("x"))),
        "pools[web].name: \"api\" (expected: \"web\", its key)");
  }

  @Test
  void refusesNullEntries() {
    Map<String, ServerOverrides> withNull = new HashMap<>();
    withNull.put("app-1", null);
    assertRefused(() -> new PoolState("web", withNull, List.of(), Set.of()), "overrides[app-1]: null (expected: a value)");
    assertRefused(
        () -> new PoolState("web", Map.of(), Arrays.asList((AddedServer) null), Set.of()),
        "added element: null (expected: a value)");
  }

  @Test
  void emptyOverridesAndPoolsLeaveNoEntries() {
    PoolState web = PoolState.empty("web").withOverrides("app-1", ServerOverrides.NONE.withWeight(4));
    RuntimeState state = RuntimeState.EMPTY.with(web);
    assertThat(state.pools()).containsOnlyKeys("web");
    assertThat(state.pool("web").overrides("app-1").weight()).isEqualTo(4);

    RuntimeState cleared = state.with(state.pool("web").withOverrides("app-1", ServerOverrides.NONE.withWeight(4).withWeight(null)));
    assertThat(cleared).isEqualTo(RuntimeState.EMPTY);
    assertThat(cleared.pool("api")).isEqualTo(PoolState.empty("api"));
    assertThat(cleared.pool("api").overrides("app-1")).isSameAs(ServerOverrides.NONE);
  }

  @Test
  void addingRemovingAndReplacingServers() {
    AddedServer nine = new AddedServer("app-9", "10.0.0.9:8080", 1, null);
    AddedServer eight = new AddedServer("app-8", "10.0.0.8:8080", 1, "n8");
    PoolState pool = PoolState.empty("web").withAdded(nine).withAdded(eight);
    assertThat(pool.added()).containsExactly(nine, eight);

    PoolState heavier = pool.withAdded(nine.withWeight(7));
    assertThat(heavier.added()).containsExactly(nine.withWeight(7), eight);
    assertThat(heavier.added("app-9").weight()).isEqualTo(7);

    PoolState fewer = heavier.withOverrides("app-9", ServerOverrides.NONE.withMaintenance()).withoutAdded("app-9");
    assertThat(fewer.added()).containsExactly(eight);
    assertThat(fewer.overrides()).isEmpty();
    assertThat(fewer.added("app-9")).isNull();

    PoolState removed = fewer.withOverrides("app-1", ServerOverrides.NONE.withWeight(2)).withRemoved("app-1");
    assertThat(removed.removed()).containsExactly("app-1");
    assertThat(removed.overrides()).isEmpty();
    assertThat(removed.withoutRemoved("app-1").removed()).isEmpty();
  }

  @Test
  void copiesAreSortedAndUnmodifiable() {
    Map<String, ServerOverrides> overrides = new HashMap<>();
    overrides.put("b", ServerOverrides.NONE.withWeight(1));
    overrides.put("a", ServerOverrides.NONE.withWeight(2));
    PoolState pool = new PoolState("web", overrides, null, Set.of("z", "y"));
    overrides.clear();

    assertThat(pool.overrides()).containsOnlyKeys("a", "b");
    assertThat(pool.overrides().keySet()).containsExactly("a", "b");
    assertThat(pool.removed()).containsExactly("y", "z");
    assertThat(pool.added()).isEmpty();
    assertThatThrownBy(() -> pool.overrides().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> pool.removed().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aPausedRampCountsItsPauseWhenResumed() {
    RampState ramp = RampState.start(1, 10, T0, Duration.ofMinutes(5), RampState.EASE_OUT);
    assertThat(ramp.paused()).isFalse();

    RampState paused = ramp.pause(T0.plusSeconds(60));
    assertThat(paused.paused()).isTrue();
    assertThat(paused.pause(T0.plusSeconds(90))).isSameAs(paused);

    RampState resumed = paused.resume(T0.plusSeconds(100)).pause(T0.plusSeconds(200)).resume(T0.plusSeconds(205));
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.pausedFor()).isEqualTo(Duration.ofSeconds(45));
    assertThat(resumed.resume(T0.plusSeconds(300))).isSameAs(resumed);
  }

  @Test
  void aWallClockSteppedBackDoesNotMakeAPauseNegative() {
    RampState paused = RampState.start(1, 10, T0, Duration.ofMinutes(5), RampState.LINEAR).pause(T0.plusSeconds(60));
    assertThat(paused.resume(T0.plusSeconds(30)).pausedFor()).isEqualTo(Duration.ZERO);
  }

  private static void assertRefused(Runnable construction, String message) {
    assertThatThrownBy(construction::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .hasMessageMatching(FORMAT);
  }
}
