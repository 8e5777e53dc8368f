package tether.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks query conditions straight on the raw query, without parsing it into a map: the scan only
 * happens when a candidate rule has a query condition, and decodes only names or values that
 * contain {@code %} or {@code +}.
 */
final class QueryScanner {

  private QueryScanner() {}

  /** Whether the first parameter called {@code name} is present (and equals {@code expected} if not null). */
  static boolean matches(String rawQuery, String name, String expected) {
    if (rawQuery == null) {
      return false;
    }
    int n = rawQuery.length();
    int start = 0;
    while (start < n) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      int equals = start;
      while (equals < end && rawQuery.charAt(equals) != '=') {
        equals++;
      }
      if (equals > start && decodedEquals(rawQuery, start, equals, name)) {
        return expected == null
            || decodedEquals(rawQuery, Math.min(equals + 1, end), end, expected);
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean decodedEquals(String s, int from, int to, String expected) {
    boolean encoded = false;
    for (int i = from; i < to && !encoded; i++) {
      char c = s.charAt(i);
      encoded = c == '%' || c == '+';
    }
    if (!encoded) {
      return to - from == expected.length() && s.regionMatches(from, expected, 0, to - from);
    }
    try {
      return URLDecoder.decode(s.substring(from, to), StandardCharsets.UTF_8).equals(expected);
    } catch (IllegalArgumentException badEncoding) {
      return false;
    }
  }
}
