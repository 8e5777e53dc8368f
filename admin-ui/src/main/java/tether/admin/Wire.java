package tether.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The names enums have on the wire: lower case, words joined by '-' ({@code EASE_IN} is "ease-in"). */
final class Wire {

  private Wire() {}

  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant named {@code text}, or null. */
  static <E extends Enum<E>> E parse(Class<E> type, String text) {
    for (E value : type.getEnumConstants()) {
      if (name(value).equals(text)) {
        return value;
      }
    }
    return null;
  }

  /** "a, b or c", for an "expected" clause. */
  static String choices(Class<? extends Enum<?>> type) {
    String[] names = Arrays.stream(type.getEnumConstants()).map(Wire::name).toArray(String[]::new);
    if (names.length == 1) {
      return names[0];
    }
    return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "))
        + " or " + names[names.length - 1];
  }
}
