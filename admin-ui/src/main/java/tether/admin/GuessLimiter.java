package tether.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows down the guessing of admin tokens: after {@link #MAX_FAILURES} wrong tokens from one address
 * within {@link #WINDOW}, that address is refused with 429 until the window since its first failure
 * has passed, whatever it sends. Right tokens never count. The table is bounded so that a flood of
 * addresses cannot grow it without end.
 */
final class GuessLimiter {

  static final int MAX_FAILURES = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int MAX_ADDRESSES = 10_000;

  private record Strikes(Instant since, int count) {}

  private final Clock clock;
  private final Map<String, Strikes> byAddress = new HashMap<>();

  GuessLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Refuses an address that has used up its wrong guesses. */
  synchronized void check(String address) {
    Strikes strikes = current(address, clock.instant());
    if (strikes != null && strikes.count() >= MAX_FAILURES) {
      long wait = Math.max(1, Duration.between(clock.instant(), strikes.since().plus(WINDOW)).toSeconds());
      throw new ApiProblem(429, null, "token: " + strikes.count() + " wrong tokens from " + address
          + " within " + WINDOW.toSeconds() + " s (expected: at most " + MAX_FAILURES + "; retry in " + wait + " s)",
          wait);
    }
  }

  synchronized void failed(String address) {
    Instant now = clock.instant();
    Strikes strikes = current(address, now);
    byAddress.put(address, strikes == null ? new Strikes(now, 1) : new Strikes(strikes.since(), strikes.count() + 1));
    if (byAddress.size() > MAX_ADDRESSES) {
      byAddress.values().removeIf(s -> expired(s, now));
      if (byAddress.size() > MAX_ADDRESSES) {
        // Still full of live entries: start over rather than grow; the flood is in the log anyway.
        byAddress.clear();
      }
    }
  }

  private Strikes current(String address, Instant now) {
    Strikes strikes = byAddress.get(address);
    if (strikes != null && expired(strikes, now)) {
      byAddress.remove(address);
      return null;
    }
    return strikes;
  }

  private static boolean expired(Strikes strikes, Instant now) {
    return !now.isBefore(strikes.since().plus(WINDOW));
  }
}
