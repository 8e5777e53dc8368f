package tether.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.PassiveConfig;
import tether.proxy.testing.ManualScheduler;

class EjectionsTest {

  private static final Duration NANO = Duration.ofNanos(1);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final Events events = new Events();
  private ExecutorService executor;

  @AfterEach
  void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private Ejections ejections(PassiveConfig config, String... servers) {
    Ejections ejections = new Ejections("app", config, scheduler, events);
    ejections.servers(List.of(servers));
    return ejections;
  }

  private static PassiveConfig config(int failures, PassiveConfig.On on, int maxEjectedPercent) {
    PassiveConfig d = PassiveConfig.DEFAULTS;
    return new PassiveConfig(failures, on, d.baseEjection(), d.multiplier(), d.maxEjection(), maxEjectedPercent);
  }

  private static void fail(Ejections ejections, String server, int times) {
    for (int i = 0; i < times; i++) {
      ejections.failure(server, FailureKind.CONNECT, 0);
    }
  }

  @Test
  void fiveFailuresInARowEjectForTheBaseBackOff() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");

    fail(ejections, "a", 4);
    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(ejections.status("a")).isEqualTo(new EjectionStatus(false, 0, 4, 0));

    ejections.failure("a", FailureKind.TIMEOUT, 0);

    assertThat(ejections.isEjected("a")).isTrue();
    assertThat(ejections.isEjected("b")).isFalse();
    assertThat(ejections.ejections("a")).isEqualTo(1);
    assertThat(ejections.status("a")).isEqualTo(new EjectionStatus(true, Duration.ofSeconds(10).toNanos(), 5, 1));
    assertThat(events.list).containsExactly("ejected a PT10S 5 failures in a row, the last a time-out");
  }

  @Test
  void theBackOffDoublesWithEachEjectionUpToTheMaximum() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");
    List<Duration> backOffs = new ArrayList<>();

    for (int i = 0; i < 8; i++) {
      fail(ejections, "a", 5);
      Duration backOff = events.lastBackOff();
      backOffs.add(backOff);
      scheduler.advance(backOff.minus(NANO));
      assertThat(ejections.isEjected("a")).isTrue();
      scheduler.advance(NANO);
      assertThat(ejections.isEjected("a")).isFalse();
    }

    assertThat(backOffs).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
        Duration.ofSeconds(160), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(ejections.ejections("a")).isEqualTo(8);
    assertThat(ejections.status("a").level()).isEqualTo(6);
  }

  @Test
  void aServerReturnsAfterItsBackOffWithItsCountReset() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");
    fail(ejections, "a", 5);

    scheduler.advance(Duration.ofSeconds(10));

    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(events.list).containsExactly(
        "ejected a PT10S 5 failures in a row, the last a failed connect", "returned a");
    assertThat(ejections.status("a")).isEqualTo(new EjectionStatus(false, 0, 0, 1));
    assertThat(scheduler.pending()).isZero();

    fail(ejections, "a", 4);
    assertThat(ejections.isEjected("a")).isFalse();
    fail(ejections, "a", 1);
    assertThat(events.lastBackOff()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aSuccessBreaksTheRow() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");

    fail(ejections, "a", 4);
    ejections.success("a");
    fail(ejections, "a", 4);

    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(ejections.status("a").consecutiveFailures()).isEqualTo(4);
  }

  @Test
  void failuresWhileEjectedDoNotExtendTheEjection() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");
    fail(ejections, "a", 5);

    scheduler.advance(Duration.ofSeconds(5));
    fail(ejections, "a", 20);
    assertThat(ejections.status("a").until()).isEqualTo(Duration.ofSeconds(10).toNanos());
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(ejections.ejections("a")).isEqualTo(1);
    assertThat(ejections.status("a").consecutiveFailures()).isZero();
  }

  @Test
  void everyMaximumBackOffInServiceForgivesOneLevel() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b");
    for (int i = 0; i < 3; i++) {
      fail(ejections, "a", 5);
      scheduler.advance(events.lastBackOff());
    }
    assertThat(events.backOffs()).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
    assertThat(ejections.status("a").level()).isEqualTo(3);

    scheduler.advance(Duration.ofMinutes(5).minus(NANO));
    assertThat(ejections.status("a").level()).isEqualTo(3);
    scheduler.advance(NANO);
    assertThat(ejections.status("a").level()).isEqualTo(2);
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(ejections.status("a").level()).isEqualTo(1);

    fail(ejections, "a", 5);
    assertThat(events.lastBackOff()).isEqualTo(Duration.ofSeconds(20));
    scheduler.advance(Duration.ofSeconds(20));

    scheduler.advance(Duration.ofHours(1));
    assertThat(ejections.status("a").level()).isZero();
    fail(ejections, "a", 5);
    assertThat(events.lastBackOff()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void atMostTheConfiguredShareOfThePoolIsEjectedAtOnce() {
    Ejections ejections = ejections(config(5, PassiveConfig.On.DEFAULT, 40), "a", "b", "c", "d", "e");

    for (String server : List.of("a", "b", "c", "d", "e")) {
      fail(ejections, server, 5);
    }

    assertThat(List.of("a", "b", "c", "d", "e")).filteredOn(ejections::isEjected).containsExactly("a", "b");
    assertThat(ejections.status("c")).isEqualTo(new EjectionStatus(false, 0, 5, 0));

    scheduler.advance(Duration.ofSeconds(10));
    assertThat(ejections.isEjected("a")).isFalse();
    fail(ejections, "c", 1);
    fail(ejections, "d", 1);
    assertThat(List.of("a", "b", "c", "d", "e")).filteredOn(ejections::isEjected).containsExactly("c", "d");
  }

  @Test
  void theCapRoundsDownButLetsOneOfTwoGoAndNeverTheOnlyServer() {
    Ejections single = ejections(PassiveConfig.DEFAULTS, "a");
    fail(single, "a", 100);
    assertThat(single.isEjected("a")).isFalse();
    assertThat(single.ejections("a")).isZero();

    Ejections pair = ejections(config(5, PassiveConfig.On.DEFAULT, 1), "a", "b");
    fail(pair, "a", 5);
    fail(pair, "b", 5);
    assertThat(pair.isEjected("a")).isTrue();
    assertThat(pair.isEjected("b")).isFalse();
  }

  @Test
  void statusesCountOnlyWhenConfigured() {
    Ejections defaults = ejections(PassiveConfig.DEFAULTS, "a", "b");
    for (int i = 0; i < 10; i++) {
      defaults.failure("a", FailureKind.STATUS, 503);
    }
    assertThat(defaults.isEjected("a")).isFalse();
    assertThat(defaults.status("a").consecutiveFailures()).isZero();

    Ejections on503 = ejections(config(5, new PassiveConfig.On(false, false, Set.of(503)), 50), "a", "b");
    for (int i = 0; i < 10; i++) {
      on503.failure("a", FailureKind.STATUS, 502);
      on503.failure("a", FailureKind.CONNECT, 0);
      on503.failure("a", FailureKind.TIMEOUT, 0);
    }
    assertThat(on503.status("a").consecutiveFailures()).isZero();
    for (int i = 0; i < 5; i++) {
      on503.failure("a", FailureKind.STATUS, 503);
    }
    assertThat(on503.isEjected("a")).isTrue();
    assertThat(events.list).containsExactly("ejected a PT10S 5 failures in a row, the last status 503");
  }

  @Test
  void zeroConsecutiveFailuresTurnsDetectionOff() {
    Ejections ejections = ejections(config(0, PassiveConfig.On.DEFAULT, 50), "a", "b");

    fail(ejections, "a", 100);

    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(ejections.status("a")).isEqualTo(EjectionStatus.NONE);
  }

  @Test
  void serversLeavingThePoolAreForgottenAndFreeTheirPlaceUnderTheCap() {
    Ejections ejections = ejections(PassiveConfig.DEFAULTS, "a", "b", "c");
    fail(ejections, "a", 5);
    fail(ejections, "b", 5);
    assertThat(ejections.isEjected("b")).isFalse();

    ejections.servers(List.of("b", "c"));

    assertThat(ejections.isEjected("a")).isFalse();
    assertThat(ejections.status("a")).isEqualTo(EjectionStatus.NONE);
    assertThat(scheduler.pending()).isZero();
    fail(ejections, "b", 1);
    assertThat(ejections.isEjected("b")).isTrue();
    fail(ejections, "unknown", 10);
    assertThat(ejections.isEjected("unknown")).isFalse();
  }

  @Test
  void concurrentFailuresOfOneServerEjectItOnce() throws Exception {
    // No cap in the way: only the ejection itself may stop a second one.
    Ejections ejections = ejections(config(5, PassiveConfig.On.DEFAULT, 100), "a", "b", "c");
    int threads = 4;
    int rounds = 1000;
    executor = Executors.newFixedThreadPool(threads);
    // Each round, every thread fails server a at once, right at the threshold; then it returns.
    CyclicBarrier barrier = new CyclicBarrier(threads, () -> scheduler.advance(Duration.ofMinutes(5)));
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(executor.submit(() -> {
        for (int round = 0; round < rounds; round++) {
          barrier.await(30, TimeUnit.SECONDS);
          fail(ejections, "a", 5);
        }
        barrier.await(30, TimeUnit.SECONDS);
        return null;
      }));
    }

    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }

    assertThat(ejections.ejections("a")).isEqualTo(rounds);
    assertThat(events.list.stream().filter(e -> e.startsWith("ejected"))).hasSize(rounds);
    assertThat(ejections.isEjected("b")).isFalse();
    assertThat(scheduler.pending()).isZero();
  }

  /** Records what the listener hears, in order. */
  private static final class Events implements EjectionListener {
    final List<String> list = new CopyOnWriteArrayList<>();
    final List<Duration> backOffs = new CopyOnWriteArrayList<>();

    @Override
    public void ejected(String serverId, Duration backOff, String reason) {
      list.add("ejected " + serverId + " " + backOff + " " + reason);
      backOffs.add(backOff);
    }

    @Override
    public void returned(String serverId) {
      list.add("returned " + serverId);
    }

    Duration lastBackOff() {
      return backOffs.get(backOffs.size() - 1);
    }

    List<Duration> backOffs() {
      return backOffs;
    }
  }
}
