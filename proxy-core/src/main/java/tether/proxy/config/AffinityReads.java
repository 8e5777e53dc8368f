package tether.proxy.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads shared by the affinity mappers. Affinity keys live in open pool maps, outside reference.conf,
 * so every read here takes its default from the stickiness records when the key is left out. A read
 * that finds a bad value reports it and returns null; the load fails anyway, so callers substitute the
 * default and go on to find the next problem.
 */
final class AffinityReads {

  private static final String EXPECTED = "(expected: ";

  private AffinityReads() {}

  /** A string, {@code fallback} when left out, or null after a problem. */
  static String text(Section section, String name, String fallback, String expected) {
    return section.has(name) ? section.optionalString(name, expected) : fallback;
  }

  /** A list of names, {@code fallback} when left out, or null after a problem. */
  static List<String> names(Section section, String name, List<String> fallback, String expected) {
    if (!section.has(name)) {
      return fallback;
    }
    ConfigList list = section.list(name, expected);
    if (list == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (ConfigValue element : list) {
      String text = Section.scalarString(element);
      if (text == null) {
        section.bad(name, expected);
        return null;
      }
      names.add(text);
    }
    return names;
  }

  /**
   * A duration of at least one second, whole seconds only when {@code wholeSeconds} (values that end
   * up in a header counted in seconds); {@code fallback} when left out, or null after a problem.
   */
  static Duration seconds(Section section, String name, Duration fallback, boolean wholeSeconds, String expected) {
    if (!section.has(name)) {
      return fallback;
    }
    Duration d;
    try {
      d = section.object().toConfig().getDuration(ConfigUtil.joinPath(name));
    } catch (ConfigException e) {
      section.bad(name, expected);
      return null;
    }
    if (d.getSeconds() < 1 || (wholeSeconds && d.getNano() != 0)) {
      section.bad(name, expected);
      return null;
    }
    return d;
  }

  /** The constant whose configuration name is {@code text}, or null. */
  static <E extends Enum<E>> E named(E[] values, Function<E, String> configName, String text) {
    for (E value : values) {
      if (configName.apply(value).equals(text)) {
        return value;
      }
    }
    return null;
  }

  /**
   * {@code value} if a stickiness record accepts it, else {@code fallback}: {@code construct} builds
   * the record with the value, and its IllegalArgumentException becomes a problem on {@code name} that
   * keeps the record's expectation. A null value (a problem already reported) gives the fallback.
   */
  static <T> T checked(Section section, String name, T value, Consumer<T> construct, T fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      construct.accept(value);
      return value;
    } catch (IllegalArgumentException e) {
      section.bad(name, expectation(e.getMessage()));
      return fallback;
    }
  }

  /**
   * Builds a record from values that each passed their own checks; a rule spanning several of them is
   * reported on the section as a whole, and {@code fallback} returned.
   */
  static <T> T build(Section section, Supplier<T> construct, T fallback) {
    try {
      return construct.get();
    } catch (IllegalArgumentException e) {
      section.problems().add(section.object().origin(), section.key(), e.getMessage());
      return fallback;
    }
  }

  /** The {@code ...} of a {@code "name: value (expected: ...)"} message, or the whole message. */
  static String expectation(String message) {
    int start = message.lastIndexOf(EXPECTED);
    return start >= 0 && message.endsWith(")")
        ? message.substring(start + EXPECTED.length(), message.length() - 1)
        : message;
  }

  /** A record's "none", null, as the file writes it: "". */
  static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** The file's "none", "", as a record takes it: null. */
  static String emptyAsNull(String text) {
    return text.isEmpty() ? null : text;
  }

  /** A duration as an operator writes it: 30m rather than PT30M. */
  static String render(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }
}
