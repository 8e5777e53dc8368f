package tether.proxy.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An operator's ramp of a server's weight, kept in wall-clock time so that a restart can resume it
 * where it was: the monotonic clock of the previous process means nothing to the next one.
 *
 * @param from      the weight when it started
 * @param target    the weight it ends at
 * @param started   when it started
 * @param duration  how long it runs, not counting pauses
 * @param curve     one of {@link #CURVES}
 * @param pausedAt  when it was paused, or {@code null} while it runs
 * @param pausedFor the time spent paused before {@code pausedAt} (or before now, while it runs)
 */
public record RampState(
    int from,
    int target,
    Instant started,
    Duration duration,
    String curve,
    Instant pausedAt,
    Duration pausedFor) {

  public static final String LINEAR = "linear";
  public static final String EASE_IN = "ease-in";
  public static final String EASE_OUT = "ease-out";
  /** The curve names, as the configuration and the admin API spell them. */
  public static final List<String> CURVES = List.of(LINEAR, EASE_IN, EASE_OUT);

  public RampState {
    Checks.atLeastZero("from", from);
    Checks.atLeastZero("target", target);
    Checks.present("started", started, "an instant");
    Checks.positive("duration", duration);
    Checks.oneOf("curve", curve, CURVES);
    Checks.notBefore("pausedAt", pausedAt, started);
    Checks.notNegative("pausedFor", pausedFor);
  }

  /** A ramp that starts now and runs. */
  public static RampState start(int from, int target, Instant now, Duration duration, String curve) {
    return new RampState(from, target, now, duration, curve, null, Duration.ZERO);
  }

  public boolean paused() {
    return pausedAt != null;
  }

  public RampState pause(Instant now) {
    return paused() ? this : new RampState(from, target, started, duration, curve, now, pausedFor);
  }

  public RampState resume(Instant now) {
    if (!paused()) {
      return this;
    }
    // A wall clock stepped backwards must not shorten the pause below zero.
    Duration pause = now.isAfter(pausedAt) ? Duration.between(pausedAt, now) : Duration.ZERO;
    return new RampState(from, target, started, duration, curve, null, pausedFor.plus(pause));
  }
}
