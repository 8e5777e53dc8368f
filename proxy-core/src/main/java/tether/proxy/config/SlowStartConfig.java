package tether.proxy.config;

import java.time.Duration;
import java.util.Objects;
import tether.proxy.pool.RampCurve;

/**
 * How a server that joins, comes back up or is re-enabled is eased in: its effective weight grows from
 * {@code startPercent} of its weight to all of it over {@code duration}, along {@code curve}. Only new
 * sessions feel it; pinned sessions go where they are pinned.
 *
 * @param duration     {@link Duration#ZERO} turns slow start off
 * @param startPercent 0..100, the share of its weight a server starts with
 * @param curve        the shape of the growth
 */
public record SlowStartConfig(Duration duration, int startPercent, RampCurve curve) {

  public static final SlowStartConfig OFF = new SlowStartConfig(Duration.ZERO, 10, RampCurve.LINEAR);

  public SlowStartConfig {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(curve, "curve");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
    }
    if (startPercent < 0 || startPercent > 100) {
      throw new IllegalArgumentException("startPercent: " + startPercent + " (expected: 0..100)");
    }
  }

  public boolean enabled() {
    return !duration.isZero();
  }

  /** The share of the weight at {@code elapsed} nanoseconds since the server came in, 0..1. */
  public double factor(long elapsed) {
    if (!enabled() || elapsed >= duration.toNanos()) {
      return 1;
    }
    double floor = startPercent / 100.0;
    return floor + (1 - floor) * curve.at((double) Math.max(0, elapsed) / duration.toNanos());
  }
}
