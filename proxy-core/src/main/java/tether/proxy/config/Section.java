package tether.proxy.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;

/**
 * Typed reads from one object of the configuration that report a bad value to {@link Problems}
 * instead of throwing, so that loading goes on and finds the next problem too. After a problem a read
 * returns a placeholder; the load fails anyway, so placeholders never reach a caller.
 */
final class Section {

  private final ConfigObject object;
  private final Config config;
  private final String key;
  private final Problems problems;

  /** {@code key} is how the object is named in problems, e.g. {@code tether.pools.app.servers[1]}. */
  Section(ConfigObject object, String key, Problems problems) {
    this.object = object;
    this.config = object.toConfig();
    this.key = key;
    this.problems = problems;
  }

  String key() {
    return key;
  }

  ConfigObject object() {
    return object;
  }

  Problems problems() {
    return problems;
  }

  /** The full key of a member, as problems name it. */
  String key(String name) {
    return key + "." + ConfigUtil.joinPath(name);
  }

  /** Whether the member is present and not null. */
  boolean has(String name) {
    ConfigValue value = object.get(name);
    return value != null && value.valueType() != ConfigValueType.NULL;
  }

  /** A duration above zero, or at least zero when {@code zeroAllowed}; a bare number means milliseconds. */
  Duration duration(String name, boolean zeroAllowed) {
    String expected = "a duration " + (zeroAllowed ? ">= 0" : "> 0") + ", such as 10s or 500ms";
    if (!present(name, expected)) {
      return Duration.ZERO;
    }
    try {
      Duration d = config.getDuration(path(name));
      if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
        bad(name, expected);
      }
      return d;
    } catch (ConfigException e) {
      bad(name, expected);
      return Duration.ZERO;
    }
  }

  /** A size in bytes within {@code min..max}; HOCON size units (32k, 100m) are accepted. */
  long bytes(String name, long min, long max, String expected) {
    if (!present(name, expected)) {
      return min;
    }
    try {
      long bytes = config.getBytes(path(name));
      if (bytes < min || bytes > max) {
        bad(name, expected);
      }
      return bytes;
    } catch (ConfigException e) {
      bad(name, expected);
      return min;
    }
  }

  /** A whole number within {@code min..max}; a numeric string (from an environment variable) counts. */
  int integer(String name, int min, int max) {
    String expected = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + ".." + max;
    if (!present(name, expected)) {
      return min;
    }
    ConfigValue value = object.get(name);
    Long number = wholeNumber(value);
    if (number == null || number < min || number > max) {
      bad(name, expected);
      return min;
    }
    return number.intValue();
  }

  boolean bool(String name) {
    String expected = "true or false";
    if (!present(name, expected)) {
      return false;
    }
    try {
      return config.getBoolean(path(name));
    } catch (ConfigException e) {
      bad(name, expected);
      return false;
    }
  }

  /** A required string; numbers and booleans are taken as written. Null after a problem. */
  String string(String name, String expected) {
    if (!present(name, expected)) {
      return null;
    }
    return stringValue(name, expected);
  }

  /** An optional string: null when absent or null. */
  String optionalString(String name, String expected) {
    return has(name) ? stringValue(name, expected) : null;
  }

  /** A list, or null after a problem. */
  ConfigList list(String name, String expected) {
    if (!present(name, expected)) {
      return null;
    }
    ConfigValue value = object.get(name);
    if (value.valueType() != ConfigValueType.LIST) {
      bad(name, expected);
      return null;
    }
    return (ConfigList) value;
  }

  /** A member object as a section, or null after a problem. */
  Section child(String name, String expected) {
    if (!present(name, expected)) {
      return null;
    }
    ConfigValue value = object.get(name);
    if (value.valueType() != ConfigValueType.OBJECT) {
      bad(name, expected);
      return null;
    }
    return new Section((ConfigObject) value, key(name), problems);
  }

  /** Reports {@code KEY: VALUE (expected: expected)} for a member that is present. */
  void bad(String name, String expected) {
    problems.bad(object.get(name), key(name), expected);
  }

  private boolean present(String name, String expected) {
    if (has(name)) {
      return true;
    }
    ConfigValue value = object.get(name);
    problems.add(value == null ? object.origin() : value.origin(), key(name),
        (value == null ? "missing" : "null") + " (expected: " + expected + ")");
    return false;
  }

  private String stringValue(String name, String expected) {
    ConfigValueType type = object.get(name).valueType();
    if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
      bad(name, expected);
      return null;
    }
    return config.getString(path(name));
  }

  /** A scalar that holds an integer, or null. */
  static Long wholeNumber(ConfigValue value) {
    Object raw = value.unwrapped();
    if (raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The text of a scalar list element, or null for an object, list or null. */
  static String scalarString(ConfigValue value) {
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
      default -> null;
    };
  }

  private static String path(String name) {
    return ConfigUtil.joinPath(name);
  }

  /** For callers that iterate a list: the element key, e.g. {@code tether.listen[2]}. */
  static String element(String listKey, int index) {
    return listKey + "[" + index + "]";
  }
}
