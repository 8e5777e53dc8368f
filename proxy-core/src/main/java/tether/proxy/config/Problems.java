package tether.proxy.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects problems as {@code FILE:LINE: KEY: message} lines. The location comes from the origin of
 * the offending value; values that have no file line (defaults, environment variables, merged
 * objects) are reported against the loaded file alone.
 */
final class Problems {

  private static final int MAX_RENDERED = 80;

  private record Problem(String file, int line, String text) {}

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  /** Records {@code key: message} at {@code origin}, which may be null. */
  void add(ConfigOrigin origin, String key, String message) {
    String where = file;
    int line = -1;
    if (origin != null && origin.filename() != null) {
      where = origin.filename();
      line = origin.lineNumber();
    }
    String location = line > 0 ? where + ":" + line : where;
    String text = location + ": " + key + ": " + message;
    problems.add(new Problem(where, line, text.replace('\n', ' ')));
  }

  /** Records a problem with the file as a whole, {@code FILE: message}. */
  void file(String message) {
    problems.add(new Problem(file, -1, file + ": " + message));
  }

  /** Records {@code key: VALUE (expected: expected)} at the value's origin. */
  void bad(ConfigValue value, String key, String expected) {
    add(value.origin(), key, render(value) + " (expected: " + expected + ")");
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** How many problems so far, so a caller can tell whether one step added any. */
  int size() {
    return problems.size();
  }

  /** The lines, ordered by file and line so they read like a compiler's output. */
  List<String> lines() {
    return problems.stream()
        .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
        .map(Problem::text)
        .toList();
  }

  /** The value as written (strings quoted), shortened so one problem stays one readable line. */
  static String render(ConfigValue value) {
    String text = value.render(ConfigRenderOptions.concise());
    return text.length() <= MAX_RENDERED ? text : text.substring(0, MAX_RENDERED - 3) + "...";
  }
}
