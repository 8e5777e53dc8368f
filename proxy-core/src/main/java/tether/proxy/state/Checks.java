package tether.proxy.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validations and defensive copies the state records share, so that every refusal reads
 * {@code "name: value (expected: ...)"}.
 */
final class Checks {

  private Checks() {}

  static String nonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw refused(name, value, "not blank");
    }
    return value;
  }

  /** {@code null}, or a non-blank string. */
  static String blankless(String name, String value) {
    return value == null ? null : nonBlank(name, value);
  }

  static int atLeastZero(String name, int value) {
    if (value < 0) {
      throw refused(name, value, ">= 0");
    }
    return value;
  }

  static <T> T present(String name, T value, String expected) {
    if (value == null) {
      throw refused(name, null, expected);
    }
    return value;
  }

  static Duration positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw refused(name, value, "a duration > 0");
    }
    return value;
  }

  static Duration notNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw refused(name, value, "a duration >= 0");
    }
    return value;
  }

  /** {@code null}, or an instant no earlier than {@code started}. */
  static Instant notBefore(String name, Instant value, Instant started) {
    if (value != null && value.isBefore(started)) {
      throw refused(name, value, "not before started, which is " + started);
    }
    return value;
  }

  static String oneOf(String name, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw refused(name, value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** An unmodifiable copy ordered by key, so that the file lists servers in a stable order. */
  static <V> SortedMap<String, V> sortedMap(String name, Map<String, V> map) {
    TreeMap<String, V> copy = new TreeMap<>();
    if (map != null) {
      map.forEach(
          (key, value) -> {
            nonBlank(name + " key", key);
            copy.put(key, present(name + "[" + key + "]", value, "a value"));
          });
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  static SortedSet<String> sortedSet(String name, Set<String> set) {
    TreeSet<String> copy = new TreeSet<>();
    if (set != null) {
      for (String s : set) {
        copy.add(nonBlank(name + " element", s));
      }
    }
    return Collections.unmodifiableSortedSet(copy);
  }

  static <T> List<T> list(String name, Collection<T> list) {
    if (list == null) {
      return List.of();
    }
    for (T t : list) {
      present(name + " element", t, "a value");
    }
    return List.copyOf(list);
  }

  static IllegalArgumentException refused(String name, Object value, String expected) {
    return new IllegalArgumentException(name + ": " + show(value) + " (expected: " + expected + ")");
  }

  private static String show(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
