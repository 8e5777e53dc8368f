package tether.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.proxy.health.ScriptedProbe.fail;
import static tether.proxy.health.ScriptedProbe.pass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.HealthCheckConfig;
import tether.proxy.config.HealthCheckConfig.Start;
import tether.proxy.config.HostPort;
import tether.proxy.testing.ManualScheduler;

/** The checker's timing and transitions, on virtual time with a scripted probe. */
class HealthCheckerTest {

  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration FAST = Duration.ofMillis(500);
  /** Draws 0: every wait is shrunk by the whole jitter. */
  private static final RandomGenerator LOWEST = () -> 0L;
  /** Draws the largest double below 1: every wait is stretched by the whole jitter (to the nanosecond). */
  private static final RandomGenerator HIGHEST = () -> -1L;

  private final ManualScheduler scheduler = new ManualScheduler();
  private final ScriptedProbe probe = new ScriptedProbe(scheduler);
  private final RecordingListener listener = new RecordingListener(scheduler);
  private HealthChecker checker;

  @AfterEach
  void tearDown() {
    if (checker != null) {
      checker.close();
    }
  }

  private static HealthCheckConfig config(Start start, int rise, int fall, double jitter) {
    return new HealthCheckConfig(true, HealthCheckConfig.Type.HTTP, INTERVAL, FAST, jitter, Duration.ofSeconds(1),
        rise, fall, start, HealthCheckConfig.HttpSettings.DEFAULT);
  }

  private HealthChecker checker(HealthCheckConfig config, RandomGenerator random) {
    checker = new HealthChecker("app", config, scheduler, probe, listener, random);
    return checker;
  }

  private static CheckTarget target(String id, int port) {
    return new CheckTarget(id, new HostPort("127.0.0.1", port));
  }

  private static List<CheckTarget> targets(String... ids) {
    List<CheckTarget> targets = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      targets.add(target(ids[i], 9001 + i));
    }
    return targets;
  }

  private void advanceMillis(long millis) {
    scheduler.advance(Duration.ofMillis(millis));
  }

  @Test
  void anUpServerIsOutWithinOneIntervalAndFallMinusOneFastIntervalsStretchedByTheJitter() {
    // Worst case: the server breaks just after a check passed, and every wait is stretched by the full
    // jitter. The first failure comes one interval later, then fall - 1 more at the fast interval:
    // 2s x 1.1 + (3 - 1) x 500ms x 1.1 = 2200ms + 1100ms = 3300ms.
    checker(config(Start.UP, 2, 3, 0.1), HIGHEST).track(targets("a"));
    scheduler.runDue();
    probe.healthy("a", false);
    advanceMillis(3299);
    assertThat(checker.isUp("a")).isTrue();
    advanceMillis(1);

    assertThat(checker.isUp("a")).isFalse();
    assertThat(listener.events()).containsExactly("3300ms a down: 3 checks failed: HTTP 503 (expected: 200-399)");
    assertThat(probe.callMillis("a")).containsExactly(0L, 2200L, 2750L, 3300L);
  }

  @Test
  void withEveryWaitShrunkTheSameServerIsOutAtTheLowerBound() {
    // 2s x 0.9 + 2 x 500ms x 0.9 = 1800ms + 900ms.
    checker(config(Start.UP, 2, 3, 0.1), LOWEST).track(targets("a"));
    scheduler.runDue();
    probe.healthy("a", false);
    advanceMillis(10_000);

    assertThat(listener.events()).first().isEqualTo("2700ms a down: 3 checks failed: HTTP 503 (expected: 200-399)");
  }

  @Test
  void aDownServerIsBackAfterRiseConsecutivePasses() {
    checker(config(Start.UP, 3, 2, 0), LOWEST).track(targets("a"));
    probe.then("a", pass(), fail(), fail());
    // Down at 2.5s; then pass, pass, fail (the count starts over), pass, pass, pass.
    probe.then("a", pass(), pass(), fail(), pass(), pass(), pass());
    advanceMillis(20_000);

    assertThat(probe.callMillis("a")).startsWith(0L, 2000L, 2500L, 4500L, 5000L, 5500L, 7500L, 8000L, 8500L, 10_500L);
    assertThat(listener.events()).containsExactly(
        "2500ms a down: 2 checks failed: HTTP 503 (expected: 200-399)",
        "8500ms a up: 3 checks passed: HTTP 200");
  }

  @Test
  void startingDownAServerIsReportedDownAtOnceAndUpAfterItsFirstPass() {
    checker(config(Start.DOWN, 2, 3, 0), LOWEST);
    probe.then("a", fail(), fail(), pass());
    checker.track(targets("a"));

    // Reported before any check ran.
    assertThat(probe.callMillis("a")).isEmpty();
    assertThat(listener.events()).containsExactly("0ms a down: not checked yet");
    assertThat(checker.isUp("a")).isFalse();

    advanceMillis(10_000);
    // Failures of a server that is down already are waited on at the normal interval, and its first pass
    // brings it up although rise is 2.
    assertThat(probe.callMillis("a")).startsWith(0L, 2000L, 4000L, 6000L);
    assertThat(listener.events()).containsExactly(
        "0ms a down: not checked yet",
        "4000ms a up: first check passed: HTTP 200");
    assertThat(checker.isUp("a")).isTrue();
  }

  @Test
  void onceUpAServerStartedDownNeedsRisePassesToComeBack() {
    checker(config(Start.DOWN, 2, 1, 0), LOWEST);
    probe.then("a", pass(), fail(), pass(), pass());
    checker.track(targets("a"));
    advanceMillis(10_000);

    assertThat(listener.events()).containsExactly(
        "0ms a down: not checked yet",
        "0ms a up: first check passed: HTTP 200",
        "2000ms a down: 1 check failed: HTTP 503 (expected: 200-399)",
        "4500ms a up: 2 checks passed: HTTP 200");
  }

  @Test
  void startingUpNothingIsReportedUntilTheServerFalls() {
    checker(config(Start.UP, 2, 3, 0), LOWEST);
    probe.then("a", pass(), fail(), fail(), pass(), fail());
    checker.track(targets("a"));
    advanceMillis(10_000);

    assertThat(listener.events()).isEmpty();
    assertThat(checker.isUp("a")).isTrue();
  }

  @Test
  void theFastIntervalIsUsedOnlyWhileTheHealthIsChanging() {
    checker(config(Start.UP, 2, 3, 0), LOWEST).track(targets("a"));
    probe.then("a", pass(), fail(), fail(), fail(), fail(), pass(), fail(), pass(), pass(), pass());
    advanceMillis(12_000);

    // Settled up: 2s. First failure: 500ms until down. Settled down: 2s. First pass: 500ms; a failure
    // settles it down again (2s); passes until up at the fast interval, then 2s.
    assertThat(probe.callMillis("a"))
        .containsExactly(0L, 2000L, 2500L, 3000L, 5000L, 7000L, 7500L, 9500L, 10_000L, 12_000L);
    assertThat(listener.events()).containsExactly(
        "3000ms a down: 3 checks failed: HTTP 503 (expected: 200-399)",
        "10000ms a up: 2 checks passed: HTTP 200");
  }

  @Test
  void jitterKeepsEveryWaitWithinItsFractionOfTheInterval() {
    checker(config(Start.UP, 2, 100, 0.1), new SplittableRandom(42)).track(targets("steady", "failing"));
    probe.healthy("failing", false);
    // 99 failures at the fast interval before the server falls at the 100th.
    advanceMillis(1000 * 1000);

    List<Long> steady = gaps(probe.callNanos("steady"));
    List<Long> fast = gaps(probe.callNanos("failing")).subList(0, 99);
    assertThat(steady).hasSizeGreaterThan(400).allSatisfy(gap -> assertThat(gap).isBetween(1_800_000_000L, 2_200_000_000L));
    assertThat(fast).allSatisfy(gap -> assertThat(gap).isBetween(450_000_000L, 550_000_000L));
    // Spread over the whole band, not stuck at the interval.
    assertThat(steady.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(1_820_000_000L);
    assertThat(steady.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(2_180_000_000L);
    assertThat(steady).doesNotHaveDuplicates();
  }

  private static List<Long> gaps(List<Long> times) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(times.get(i) - times.get(i - 1));
    }
    return gaps;
  }

  @Test
  void aSlowCheckDelaysTheNextInsteadOfOverlappingIt() {
    checker(config(Start.UP, 2, 3, 0), LOWEST).track(targets("a"));
    probe.hold(true);
    advanceMillis(30_000);

    assertThat(probe.callMillis("a")).containsExactly(0L);
    assertThat(scheduler.pending()).isZero();

    probe.release(pass());
    assertThat(scheduler.pending()).isOne();
    advanceMillis(1999);
    assertThat(probe.callMillis("a")).containsExactly(0L);
    advanceMillis(1);
    assertThat(probe.callMillis("a")).containsExactly(0L, 32_000L);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void trackAddsNewServersKeepsListedOnesAndStopsTheOthers() {
    checker(config(Start.DOWN, 2, 3, 0), LOWEST).track(targets("a"));
    scheduler.runDue();
    advanceMillis(1000);
    checker.track(targets("a", "b"));
    scheduler.runDue();

    // a kept its health and its timer; b started down and was checked at once.
    assertThat(listener.events()).containsExactly(
        "0ms a down: not checked yet",
        "0ms a up: first check passed: HTTP 200",
        "1000ms b down: not checked yet",
        "1000ms b up: first check passed: HTTP 200");
    assertThat(probe.callMillis("a")).containsExactly(0L);
    assertThat(scheduler.pending()).isEqualTo(2);

    checker.track(List.of(target("b", 9002)));
    assertThat(scheduler.pending()).isOne();
    advanceMillis(10_000);
    assertThat(probe.callMillis("a")).containsExactly(0L);
    assertThat(probe.callMillis("b")).hasSize(6);
    assertThat(checker.isUp("a")).as("unknown ids count as up").isTrue();
    assertThat(checker.status("a")).isNull();
  }

  @Test
  void aServerListedWithAnotherAddressStartsOver() {
    checker(config(Start.DOWN, 2, 3, 0), LOWEST).track(List.of(target("a", 9001)));
    scheduler.runDue();
    checker.track(List.of(target("a", 9009)));

    assertThat(checker.isUp("a")).isFalse();
    assertThat(listener.events()).containsExactly(
        "0ms a down: not checked yet", "0ms a up: first check passed: HTTP 200", "0ms a down: not checked yet");
  }

  @Test
  void theResultOfACheckInFlightWhenItsServerIsRemovedIsIgnored() {
    checker(config(Start.UP, 2, 1, 0), LOWEST).track(targets("a"));
    probe.hold(true);
    scheduler.runDue();
    checker.track(List.of());
    probe.release(fail());

    assertThat(listener.events()).isEmpty();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void twoTargetsWithOneIdAreRefused() {
    checker(config(Start.UP, 2, 3, 0), LOWEST);

    assertThatThrownBy(() -> checker.track(List.of(target("a", 9001), target("a", 9002))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("targets: duplicate id a (expected: one target per server)");
  }

  @Test
  void closeStopsEveryCheckIgnoresResultsInFlightAndClosesTheProbe() {
    checker(config(Start.UP, 2, 1, 0), LOWEST).track(targets("a", "b"));
    scheduler.runDue();
    assertThat(scheduler.pending()).isEqualTo(2);
    probe.hold(true);
    advanceMillis(2000);
    assertThat(probe.inFlight()).isEqualTo(2);
    checker.track(targets("a", "b", "c"));
    assertThat(scheduler.pending()).isOne();

    checker.close();
    assertThat(scheduler.pending()).isZero();
    assertThat(probe.closed()).isTrue();
    probe.release(fail());
    probe.release(fail());
    checker.track(targets("d"));
    advanceMillis(10_000);

    assertThat(scheduler.pending()).isZero();
    assertThat(listener.events()).isEmpty();
    assertThat(probe.callMillis("c")).isEmpty();
    assertThat(probe.callMillis("d")).isEmpty();
  }

  @Test
  void aProbeThatThrowsOrFailsItsFutureFailsTheCheckWithTheException() {
    Probe throwing = target -> {
      throw new IllegalStateException("no socket");
    };
    checker = new HealthChecker("app", config(Start.UP, 2, 1, 0), scheduler, throwing, listener, LOWEST);
    checker.track(targets("a"));
    scheduler.runDue();
    assertThat(listener.events()).containsExactly("0ms a down: 1 check failed: IllegalStateException: no socket");
    checker.close();

    RecordingListener second = new RecordingListener(scheduler);
    Probe failing = target -> CompletableFuture.failedFuture(new CompletionException(new java.io.IOException("reset")));
    checker = new HealthChecker("app", config(Start.UP, 2, 1, 0), scheduler, failing, second, LOWEST);
    checker.track(targets("a"));
    scheduler.runDue();
    assertThat(second.events()).containsExactly("0ms a down: 1 check failed: IOException: reset");
    // Checks go on after a failure of the probe.
    assertThat(scheduler.pending()).isOne();
  }

  @Test
  void aDirectiveIsReportedWhenItDiffersFromTheLastOneTheServerSent() {
    Directive drain = new Directive(AgentState.DRAIN, null);
    Directive half = new Directive(AgentState.READY, 50);
    checker(config(Start.UP, 2, 3, 0), LOWEST).track(targets("a"));
    probe.then("a", with(drain), with(drain), pass(), with(drain), with(half), with(half));
    advanceMillis(20_000);

    assertThat(listener.events()).containsExactly(
        "0ms a Directive[state=DRAIN, weightPercent=null]",
        "8000ms a Directive[state=READY, weightPercent=50]");
  }

  private static CheckResult with(Directive directive) {
    return new CheckResult(true, "HTTP 200", directive);
  }

  @Test
  void statusShowsTheCountsAndTheLastResult() {
    checker(config(Start.UP, 2, 3, 0), LOWEST).track(targets("a"));
    assertThat(checker.status("a")).isEqualTo(new HealthStatus(true, 0, 0, null, 0));
    probe.then("a", pass(), pass(), fail(), fail());
    advanceMillis(4500);

    assertThat(checker.status("a")).isEqualTo(new HealthStatus(true, 0, 2, "HTTP 503 (expected: 200-399)", 4_500_000_000L));
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheChecks() {
    HealthListener throwing = new HealthListener() {
      @Override
      public void healthChanged(String serverId, boolean up, String reason) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void directive(String serverId, Directive directive) {}
    };
    checker = new HealthChecker("app", config(Start.DOWN, 2, 3, 0), scheduler, probe, throwing, LOWEST);
    checker.track(targets("a"));
    advanceMillis(4000);

    assertThat(probe.callMillis("a")).containsExactly(0L, 2000L, 4000L);
    assertThat(checker.isUp("a")).isTrue();
  }

  @Test
  void aDisabledConfigurationNeedsNoChecker() {
    assertThatThrownBy(() -> new HealthChecker("app", HealthCheckConfig.DISABLED, scheduler, probe, listener, LOWEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config: disabled (expected: an enabled health check)");
  }

  @Test
  void theProbeMatchesTheType() {
    HealthCheckConfig tcp = new HealthCheckConfig(true, HealthCheckConfig.Type.TCP, INTERVAL, FAST, 0.1,
        Duration.ofSeconds(1), 2, 3, Start.DOWN, HealthCheckConfig.HttpSettings.DEFAULT);
    assertThat(HealthChecker.probeFor(tcp, scheduler)).isInstanceOf(TcpProbe.class);
    try (Probe http = HealthChecker.probeFor(HealthCheckConfig.DEFAULT, scheduler)) {
      assertThat(http).isInstanceOf(HttpProbe.class);
    }
  }
}
