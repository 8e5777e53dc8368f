package tether.proxy.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Passive outlier detection of a pool: a server that fails several requests in a row is left out of
 * balancing for a while, longer each time it is ejected again soon after returning.
 *
 * @param consecutiveFailures failures in a row that eject a server; 0 turns passive detection off
 * @param on                  which failures count
 * @param baseEjection        how long the first ejection lasts
 * @param multiplier          each further ejection lasts this many times the one before
 * @param maxEjection         no ejection lasts longer; each such period back in service forgives one step
 * @param maxEjectedPercent   at most this share of the pool's servers is ejected at once
 */
public record PassiveConfig(
    int consecutiveFailures,
    On on,
    Duration baseEjection,
    double multiplier,
    Duration maxEjection,
    int maxEjectedPercent) {

  public static final int DEFAULT_CONSECUTIVE_FAILURES = 5;
  public static final Duration DEFAULT_BASE_EJECTION = Duration.ofSeconds(10);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_EJECTION = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_EJECTED_PERCENT = 50;
  public static final double MAX_MULTIPLIER = 10.0;

  /** What a pool that configures nothing gets: detection on, counting connect failures and time-outs. */
  public static final PassiveConfig DEFAULTS =
      new PassiveConfig(
          DEFAULT_CONSECUTIVE_FAILURES,
          On.DEFAULT,
          DEFAULT_BASE_EJECTION,
          DEFAULT_MULTIPLIER,
          DEFAULT_MAX_EJECTION,
          DEFAULT_MAX_EJECTED_PERCENT);

  public PassiveConfig {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(baseEjection, "baseEjection");
    Objects.requireNonNull(maxEjection, "maxEjection");
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException("consecutiveFailures: " + consecutiveFailures + " (expected: >= 0)");
    }
    if (baseEjection.isNegative() || baseEjection.isZero()) {
      throw new IllegalArgumentException("baseEjection: " + baseEjection + " (expected: > 0)");
    }
    // Not NaN, and growing: a multiplier of 1 would make repeated ejections no longer than the first.
    if (!(multiplier > 1.0 && multiplier <= MAX_MULTIPLIER)) {
      throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: > 1 and <= 10)");
    }
    if (maxEjection.compareTo(baseEjection) < 0) {
      throw new IllegalArgumentException(
          "maxEjection: " + maxEjection + " (expected: >= baseEjection, which is " + baseEjection + ")");
    }
    if (maxEjectedPercent < 1 || maxEjectedPercent > 100) {
      throw new IllegalArgumentException("maxEjectedPercent: " + maxEjectedPercent + " (expected: 1..100)");
    }
  }

  /** Whether failures are counted at all. */
  public boolean enabled() {
    return consecutiveFailures > 0;
  }

  /**
   * The failures that count towards an ejection.
   *
   * @param connect  the connection could not be made
   * @param timeout  the server did not answer in time
   * @param statuses responses with these statuses (500..599) count as failures too
   */
  public record On(boolean connect, boolean timeout, Set<Integer> statuses) {

    public static final On DEFAULT = new On(true, true, Set.of());

    public On {
      statuses = Statuses.serverErrors("statuses", statuses);
      if (!connect && !timeout && statuses.isEmpty()) {
        throw new IllegalArgumentException("on: nothing (expected: at least one of connect, timeout, or a status)");
      }
    }

    /** Whether a response with {@code status} counts as a failure. */
    public boolean status(int status) {
      return Statuses.isServerError(status) && statuses.contains(status);
    }
  }
}
