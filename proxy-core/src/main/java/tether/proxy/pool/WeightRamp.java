package tether.proxy.pool;

/**
 * A weight moving from one value to another over a duration, along a curve; it can be paused and resumed.
 * Immutable: pausing gives a new ramp. Times are nanoseconds of the pool's scheduler.
 *
 * @param from       the weight at the start
 * @param to         the weight at the end
 * @param start      when it started
 * @param duration   how long it runs, not counting pauses; > 0
 * @param curve      the shape
 * @param pausedAt   when it was paused, or -1 while it runs
 * @param pausedFor  the total time spent paused before {@code pausedAt}
 */
public record WeightRamp(
    int from, int to, long start, long duration, RampCurve curve, long pausedAt, long pausedFor) {

  public WeightRamp {
    if (duration <= 0) {
      throw new IllegalArgumentException("duration: " + duration + "ns (expected: > 0)");
    }
    if (curve == null) {
      throw new IllegalArgumentException("curve: null (expected: one of linear, ease-in, ease-out)");
    }
  }

  public static WeightRamp start(int from, int to, long now, long duration, RampCurve curve) {
    return new WeightRamp(from, to, now, duration, curve, -1, 0);
  }

  public boolean paused() {
    return pausedAt >= 0;
  }

  /** The share of the duration gone at {@code now}, 0..1. */
  public double progress(long now) {
    long at = paused() ? pausedAt : now;
    double t = (double) (at - start - pausedFor) / duration;
    return Math.max(0, Math.min(1, t));
  }

  public boolean finished(long now) {
    return progress(now) >= 1;
  }

  /** The weight at {@code now}, as a fraction so that slow ramps of small weights still move smoothly. */
  public double weightAt(long now) {
    return from + (to - from) * curve.at(progress(now));
  }

  public WeightRamp pause(long now) {
    return paused() ? this : new WeightRamp(from, to, start, duration, curve, now, pausedFor);
  }

  public WeightRamp resume(long now) {
    return paused() ? new WeightRamp(from, to, start, duration, curve, -1, pausedFor + (now - pausedAt)) : this;
  }

  /** Time left at {@code now}, in nanoseconds, not counting future pauses. */
  public long remaining(long now) {
    return Math.round((1 - progress(now)) * duration);
  }
}
