package tether.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: ISO-8601 ({@code PT5M}) or a number and unit, possibly several
 * ({@code 200ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}).
 */
final class Durations {

  static final String EXPECTED = "a duration such as 30s, 5m, 1h30m or PT5M";

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or null when {@code text} is neither form. */
  static Duration parse(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher part = PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!part.find(at) || part.start() != at) {
        return null;
      }
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
      at = part.end();
    }
    return at == 0 ? null : total;
  }

  /** How a duration is shown back in messages: the way it is most likely to have been typed. */
  static String show(Duration duration) {
    if (duration.toMillisPart() != 0 || duration.isZero()) {
      return duration.toMillis() + "ms";
    }
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
