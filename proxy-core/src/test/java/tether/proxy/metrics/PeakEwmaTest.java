package tether.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeakEwmaTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(123_456_789L);
  private final PeakEwma ewma = new PeakEwma(clock::get);

  @Test
  void knowsNothingBeforeTheFirstSample() {
    assertThat(ewma.nanos()).isZero();
    ewma.observe(20 * MS);
    assertThat(ewma.nanos()).isCloseTo(20 * MS, within(1.0));
  }

  @Test
  void jumpsAtOnceToAHigherSample() {
    ewma.observe(10 * MS);
    clock.addAndGet(5 * MS);
    ewma.observe(100 * MS);
    assertThat(ewma.nanos()).isCloseTo(100 * MS, within(1.0));
  }

  @Test
  void aLowerSampleMovesItOnlyByTheTimeSinceTheLast() {
    ewma.observe(100 * MS);
    clock.addAndGet(10 * MS);
    ewma.observe(10 * MS);
    // 10 ms of a 10 s window: weight 1 - e^-0.001 for the new sample.
    double keep = Math.exp(-0.001);
    assertThat(ewma.nanos()).isCloseTo(100 * MS * keep + 10 * MS * (1 - keep), within(1_000.0));
    assertThat(ewma.nanos()).isGreaterThan(99 * MS);
  }

  /** The half-life of a window-w estimate is w ln 2: 6.93 s for the default 10 s. */
  @Test
  void decaysByHalfInOneHalfLife() {
    ewma.observe(100 * MS);
    clock.addAndGet((long) (PeakEwma.DEFAULT_WINDOW.toNanos() * Math.log(2)));
    // Millisecond stamps: within 0.01 % of exact.
    assertThat(ewma.nanos()).isCloseTo(50 * MS, within(0.01 * MS));
    ewma.observe(10 * MS);
    assertThat(ewma.nanos()).isCloseTo(55 * MS, within(0.01 * MS));
  }

  @Test
  void theWindowSetsTheHalfLife() {
    PeakEwma fast = new PeakEwma(clock::get, Duration.ofSeconds(1));
    fast.observe(80 * MS);
    clock.addAndGet(Duration.ofSeconds(1).toNanos() * 2);
    assertThat(fast.nanos()).isCloseTo(80 * MS * Math.exp(-2), within(0.01 * MS));
  }

  @Test
  void theWindowMustBePositive() {
    assertThatThrownBy(() -> new PeakEwma(clock::get, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window: PT0S (expected: > 0)");
  }

  @Test
  void serverMetricsFeedItFromFinishedRequests() {
    ServerMetrics metrics = new ServerMetrics(new MetricRegistry(), "p", "s", clock::get);
    metrics.started();
    metrics.finished(7 * MS);
    assertThat(metrics.peakEwma().nanos()).isCloseTo(7 * MS, within(1.0));
    assertThat(metrics.inFlight()).isZero();
  }

  /** With time standing still only peaks count, so racing updates must end at the largest sample. */
  @Test
  void racingUpdatesLoseNoPeak() throws InterruptedException {
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      writers.add(new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          ewma.observe((long) (i * 4 + offset) * 1000);
        }
      }));
    }
    writers.forEach(Thread::start);
    for (Thread writer : writers) {
      writer.join();
    }
    assertThat(ewma.nanos()).isEqualTo((float) (19_999L * 4 + 3) * 1000);
  }
}
