package tether.proxy.forward;

import java.util.Set;

/** Reading and removing cookies in a request's Cookie header without parsing it into a map. */
final class Cookies {

  private Cookies() {}

  /** The value of the first cookie called {@code name} in one Cookie header value, or {@code null}. */
  static String find(String header, String name) {
    int length = header.length();
    int start = 0;
    while (start < length) {
      int end = header.indexOf(';', start);
      if (end < 0) {
        end = length;
      }
      int from = skipSpaces(header, start, end);
      int eq = header.indexOf('=', from);
      if (eq > 0 && eq < end && eq - from == name.length() && header.startsWith(name, from)) {
        return header.substring(eq + 1, trimEnd(header, eq + 1, end)).trim();
      }
      start = end + 1;
    }
    return null;
  }

  /**
   * The header value without the cookies named in {@code names}: the same string when none of them is
   * there, {@code null} when nothing is left.
   */
  static String strip(String header, Set<String> names) {
    if (names.isEmpty() || !mentionsAny(header, names)) {
      return header;
    }
    StringBuilder kept = new StringBuilder(header.length());
    int length = header.length();
    int start = 0;
    while (start < length) {
      int end = header.indexOf(';', start);
      if (end < 0) {
        end = length;
      }
      int from = skipSpaces(header, start, end);
      int to = trimEnd(header, from, end);
      if (to > from) {
        int eq = header.indexOf('=', from);
        String cookieName = (eq < 0 || eq > to ? header.substring(from, to) : header.substring(from, eq)).trim();
        if (!names.contains(cookieName)) {
          if (kept.length() > 0) {
            kept.append("; ");
          }
          kept.append(header, from, to);
        }
      }
      start = end + 1;
    }
    return kept.length() == 0 ? null : kept.toString();
  }

  private static boolean mentionsAny(String header, Set<String> names) {
    for (String name : names) {
      if (header.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpaces(String s, int from, int end) {
    while (from < end && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int from, int end) {
    while (end > from && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }
}
