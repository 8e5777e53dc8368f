package tether.proxy.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A latency estimate that believes bad news at once and good news slowly: a sample above the estimate
 * replaces it, a sample below is blended in by an exponentially time-weighted average, so the estimate
 * rises with the first slow response and falls back over about one {@code window}.
 *
 * <p>Time also decays the estimate toward zero between samples (as if zeros were observed), which is what
 * makes a server that was slow once and then left alone look worth trying again after a few windows
 * instead of never. Before the first sample the estimate is 0: "nothing known" rather than "fast";
 * balancers decide what that means for them.
 *
 * <p>Updates are lock-free and allocation-free: the estimate (as a float, plenty for a latency) and the
 * millisecond of the last sample are packed into one long and replaced by compare-and-set. Milliseconds
 * since construction in 32 bits wrap after 49 days; a server idle for that long just keeps its old
 * estimate until its next sample.
 */
public final class PeakEwma {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final LongSupplier nanoClock;
  private final long origin;
  /** Minus the decay exponent per elapsed millisecond. */
  private final double ratePerMilli;
  private final AtomicLong state = new AtomicLong();

  public PeakEwma(LongSupplier nanoClock) {
    this(nanoClock, DEFAULT_WINDOW);
  }

  /** @param window the time constant: after one window an old estimate keeps 1/e of its weight */
  public PeakEwma(LongSupplier nanoClock, Duration window) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
    }
    this.ratePerMilli = (double) NANOS_PER_MILLI / window.toNanos();
    this.origin = nanoClock.getAsLong();
  }

  /** Takes one observed latency into the estimate; negative values count as 0. */
  public void observe(long latencyNanos) {
    double sample = Math.max(0, latencyNanos);
    int now = millisNow();
    for (;;) {
      long current = state.get();
      int stamp = stamp(current);
      double decay = decay(now, stamp);
      double estimate = estimate(current) * decay;
      double next = sample >= estimate ? sample : estimate + sample * (1 - decay);
      // A racing update may carry a later stamp than ours; keep the later one so time never runs back.
      int nextStamp = now - stamp < 0 ? stamp : now;
      if (state.compareAndSet(current, pack((float) next, nextStamp))) {
        return;
      }
    }
  }

  /** The estimate now, in nanoseconds: the last one decayed for the time since; 0 before any sample. */
  public double nanos() {
    long current = state.get();
    return estimate(current) * decay(millisNow(), stamp(current));
  }

  private double decay(int now, int stamp) {
    int elapsed = now - stamp;
    return elapsed <= 0 ? 1.0 : Math.exp(-elapsed * ratePerMilli);
  }

  private int millisNow() {
    return (int) ((nanoClock.getAsLong() - origin) / NANOS_PER_MILLI);
  }

  private static long pack(float estimate, int stamp) {
    return ((long) Float.floatToRawIntBits(estimate) << 32) | (stamp & 0xffffffffL);
  }

  private static double estimate(long state) {
    return Float.intBitsToFloat((int) (state >>> 32));
  }

  private static int stamp(long state) {
    return (int) state;
  }
}
