package tether.proxy.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads shared by the mappers of a pool's passive, queue and retries objects. Like affinity, these
 * live in open pool maps that reference.conf cannot hold, so every key is optional and takes its
 * default when left out or null; after a problem the default stands in too, so that mapping goes on
 * and finds the next problem.
 */
final class PoolReads {

  private PoolReads() {}

  /** The names and statuses of an {@code on} list. */
  record Conditions(Set<String> names, Set<Integer> statuses) {}

  /** A whole number within {@code min..max}, or {@code fallback}. */
  static int integer(Section section, String name, int min, int max, int fallback) {
    if (!section.has(name)) {
      return fallback;
    }
    int before = section.problems().size();
    int value = section.integer(name, min, max);
    return section.problems().size() == before ? value : fallback;
  }

  /** A duration above zero, or {@code fallback}. */
  static Duration duration(Section section, String name, Duration fallback) {
    if (!section.has(name)) {
      return fallback;
    }
    int before = section.problems().size();
    Duration value = section.duration(name, false);
    return section.problems().size() == before ? value : fallback;
  }

  /**
   * A number within {@code min..max} ({@code min} itself only when {@code minIncluded}), or
   * {@code fallback}. A numeric string (from an environment variable) counts.
   */
  static double number(
      Section section, String name, double min, boolean minIncluded, double max, double fallback, String expected) {
    if (!section.has(name)) {
      return fallback;
    }
    double value;
    try {
      value = section.object().toConfig().getDouble(ConfigUtil.joinPath(name));
    } catch (ConfigException e) {
      section.bad(name, expected);
      return fallback;
    }
    boolean aboveMin = minIncluded ? value >= min : value > min;
    if (!(aboveMin && value <= max)) {
      section.bad(name, expected);
      return fallback;
    }
    return value;
  }

  /**
   * An {@code on} list: each element one of {@code names} or a status 500..599, each at most once.
   * Null when left out or after a problem.
   */
  static Conditions conditions(Section section, String name, List<String> names, String expected) {
    if (!section.has(name)) {
      return null;
    }
    ConfigList list = section.list(name, expected);
    if (list == null) {
      return null;
    }
    String elementExpected = String.join(", ", names) + ", or a status " + Statuses.MIN + ".." + Statuses.MAX;
    Problems problems = section.problems();
    int before = problems.size();
    Set<String> found = new LinkedHashSet<>();
    Set<Integer> statuses = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(section.key(name), i);
      String text = Section.scalarString(element);
      Long number = text == null ? null : Section.wholeNumber(element);
      String canonical;
      if (number != null && number >= Statuses.MIN && number <= Statuses.MAX) {
        canonical = String.valueOf(number);
        statuses.add(number.intValue());
      } else if (text != null && names.contains(text)) {
        canonical = text;
        found.add(text);
      } else {
        problems.bad(element, key, elementExpected);
        continue;
      }
      Integer first = seen.putIfAbsent(canonical, i);
      if (first != null) {
        problems.bad(element, key, "each condition once; " + name + "[" + first + "] has it too");
      }
    }
    return problems.size() == before ? new Conditions(found, statuses) : null;
  }
}
