package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreturnedSessionsTest {

  // Max-idle 10 minutes: buckets of 10 s.
  private final UnreturnedSessions sessions = new UnreturnedSessions(Duration.ofMinutes(10));
  private final long t0 = 1_800_000_000L;

  @Test
  void aSessionCountsFromItsStartUntilMaxIdleHasPassedAtMostOneBucketLate() {
    sessions.started("a", t0 + 3);

    assertThat(sessions.count("a", t0 + 3)).isEqualTo(1);
    assertThat(sessions.count("a", t0 + 3 + 600)).as("its cookie is still valid").isEqualTo(1);
    assertThat(sessions.count("a", t0 + 609)).as("the rest of its bucket").isEqualTo(1);
    assertThat(sessions.count("a", t0 + 610)).isZero();
    assertThat(sessions.count("b", t0 + 3)).isZero();
  }

  @Test
  void aReturnedSessionLeavesItsBucketOnce() {
    sessions.started("a", t0);
    sessions.started("a", t0 + 1);
    sessions.started("b", t0 + 1);

    sessions.returned("a", t0 + 1);
    sessions.returned("c", t0 + 1);

    assertThat(sessions.counts(t0 + 5)).isEqualTo(Map.of("a", 1L, "b", 1L));
    sessions.returned("a", t0);
    sessions.returned("a", t0);
    assertThat(sessions.counts(t0 + 5)).as("never below zero").isEqualTo(Map.of("b", 1L));
  }

  @Test
  void aBucketReusedForALaterPeriodForgetsTheOldOne() {
    sessions.started("a", t0);
    long later = t0 + 10 * 62; // the same slot of the ring, a whole ring later
    sessions.started("a", later);

    sessions.returned("a", t0);

    assertThat(sessions.count("a", later)).as("the old session's return does not touch the new one").isEqualTo(1);
  }

  @Test
  void sessionsAcrossManyBucketsAddUp() {
    for (int s = 0; s < 600; s++) {
      sessions.started("a", t0 + s);
    }
    assertThat(sessions.count("a", t0 + 599)).isEqualTo(600);
    // Those started in the last 600 s (301 of them) and the rest of the oldest bucket they share (9 more).
    assertThat(sessions.count("a", t0 + 599 + 300)).isEqualTo(310);
  }
}
