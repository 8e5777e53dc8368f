package tether.proxy.health;

import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the control header a server steers itself by: tokens separated by spaces or commas, any case.
 * {@code drain}, {@code maintenance} (or {@code maint}) and {@code ready} set the state, {@code N%}
 * (0..100) the weight; when a kind is given twice the last one counts. Unknown tokens are skipped, so
 * that a newer server may speak to an older proxy.
 */
final class ControlHeader {

  private static final Logger log = LoggerFactory.getLogger(ControlHeader.class);
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
  private static final Pattern PERCENT = Pattern.compile("\\d{1,3}%");

  private ControlHeader() {}

  /** The directive in {@code value}, or null when the value holds none (or is null). */
  static Directive parse(String value) {
    if (value == null) {
      return null;
    }
    AgentState state = null;
    Integer weight = null;
    for (String token : SEPARATORS.split(value.trim())) {
      String t = token.toLowerCase(Locale.ROOT);
      switch (t) {
        case "" -> { }
        case "ready" -> state = AgentState.READY;
        case "drain" -> state = AgentState.DRAIN;
        case "maintenance", "maint" -> state = AgentState.MAINTENANCE;
        default -> {
          Integer percent = percent(t);
          if (percent == null) {
            log.debug("Control header token ignored: {}", token);
          } else {
            weight = percent;
          }
        }
      }
    }
    return state == null && weight == null ? null : new Directive(state, weight);
  }

  private static Integer percent(String token) {
    if (!PERCENT.matcher(token).matches()) {
      return null;
    }
    int value = Integer.parseInt(token.substring(0, token.length() - 1));
    return value <= 100 ? value : null;
  }
}
