package tether.admin.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A weight ramp in progress.
 *
 * @param progress from 0 (just started) to 1 (reached the target), along the time axis
 * @param paused whether the weight is held where it is
 */
public record RampView(
    int from, int target, Instant started, Duration duration, Curve curve, double progress, boolean paused) {

  public RampView {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(curve, "curve");
    if (!(progress >= 0 && progress <= 1)) {
      throw new IllegalArgumentException("progress: " + progress + " (expected: from 0 to 1)");
    }
  }
}
