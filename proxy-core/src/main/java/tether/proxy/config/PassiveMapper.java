package tether.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Maps a pool's {@code passive} object, the passive outlier detection. Every key is optional: defaults
 * are those of {@link PassiveConfig#DEFAULTS}.
 */
final class PassiveMapper {

  static final Set<String> PASSIVE_KEYS = Set.of(
      "consecutive-failures", "on", "base-ejection", "multiplier", "max-ejection", "max-ejected-percent");

  private static final List<String> NAMES = List.of("connect", "timeout");
  private static final String ON_EXPECTED =
      "a list of at least one of connect, timeout and statuses 500..599, such as [connect, timeout, 503]";
  private static final String MULTIPLIER_EXPECTED = "a number > 1 and <= 10, such as 2";

  private PassiveMapper() {}

  /** The pool's passive detection; after a problem, the default stands in for the bad value. */
  static PassiveConfig map(Section passive) {
    PassiveConfig defaults = PassiveConfig.DEFAULTS;
    int consecutiveFailures = PoolReads.integer(
        passive, "consecutive-failures", 0, Integer.MAX_VALUE, defaults.consecutiveFailures());
    PassiveConfig.On on = on(passive, defaults.on());
    double multiplier = PoolReads.number(passive, "multiplier", 1.0, false, PassiveConfig.MAX_MULTIPLIER,
        defaults.multiplier(), MULTIPLIER_EXPECTED);
    int before = passive.problems().size();
    Duration base = PoolReads.duration(passive, "base-ejection", defaults.baseEjection());
    Duration max = PoolReads.duration(passive, "max-ejection", defaults.maxEjection());
    if (max.compareTo(base) < 0) {
      // After a problem with either, the order means nothing; otherwise it is reported on the key the file
      // sets (on the maximum when it sets both).
      if (passive.problems().size() == before) {
        if (passive.has("max-ejection")) {
          passive.bad("max-ejection", "a duration >= base-ejection, which is " + AffinityReads.render(base));
        } else {
          passive.bad("base-ejection", "a duration <= max-ejection, which is " + AffinityReads.render(max));
        }
      }
      max = base;
    }
    int maxEjectedPercent = PoolReads.integer(passive, "max-ejected-percent", 1, 100, defaults.maxEjectedPercent());
    return new PassiveConfig(consecutiveFailures, on, base, multiplier, max, maxEjectedPercent);
  }

  private static PassiveConfig.On on(Section passive, PassiveConfig.On fallback) {
    PoolReads.Conditions read = PoolReads.conditions(passive, "on", NAMES, ON_EXPECTED);
    if (read == null) {
      return fallback;
    }
    if (read.names().isEmpty() && read.statuses().isEmpty()) {
      passive.bad("on", ON_EXPECTED + "; consecutive-failures = 0 turns detection off");
      return fallback;
    }
    return new PassiveConfig.On(read.names().contains("connect"), read.names().contains("timeout"), read.statuses());
  }
}
