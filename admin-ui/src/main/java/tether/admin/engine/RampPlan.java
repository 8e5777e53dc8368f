package tether.admin.engine;

import java.time.Duration;
import java.util.Objects;

/** An operator's "move to {@code target} over {@code duration}". */
public record RampPlan(int target, Duration duration, Curve curve) {

  public RampPlan {
    if (target < 0 || target > AdminEngine.MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "target: " + target + " (expected: from 0 to " + AdminEngine.MAX_WEIGHT + ")");
    }
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
    Objects.requireNonNull(curve, "curve");
  }
}
