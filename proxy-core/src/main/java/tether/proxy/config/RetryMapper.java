package tether.proxy.config;

import java.util.List;
import java.util.Set;

/**
 * Maps a pool's {@code retries} object. Every key is optional: defaults are those of
 * {@link RetryConfig#DEFAULTS}.
 */
final class RetryMapper {

  static final Set<String> RETRY_KEYS = Set.of("attempts", "on", "budget-ratio", "budget-min-per-second");

  private static final List<String> NAMES = List.of("connect", "timeout", "reset");
  private static final String ON_EXPECTED =
      "a list of connect, timeout, reset and statuses 500..599, such as [connect, reset, 503]";
  private static final String RATIO_EXPECTED = "a number 0..1, such as 0.2";

  private RetryMapper() {}

  /** The pool's retries; after a problem, the default stands in for the bad value. */
  static RetryConfig map(Section retries) {
    RetryConfig defaults = RetryConfig.DEFAULTS;
    int attempts = PoolReads.integer(retries, "attempts", 1, RetryConfig.MAX_ATTEMPTS, defaults.attempts());
    PoolReads.Conditions read = PoolReads.conditions(retries, "on", NAMES, ON_EXPECTED);
    // A failed connect is always retried, listed or not: nothing reached the server.
    RetryConfig.On on = read == null
        ? defaults.on()
        : new RetryConfig.On(read.names().contains("timeout"), read.names().contains("reset"), read.statuses());
    double ratio = PoolReads.number(retries, "budget-ratio", 0.0, true, 1.0, defaults.budgetRatio(), RATIO_EXPECTED);
    int minPerSecond = PoolReads.integer(
        retries, "budget-min-per-second", 0, Integer.MAX_VALUE, defaults.budgetMinPerSecond());
    return new RetryConfig(attempts, on, ratio, minPerSecond);
  }
}
