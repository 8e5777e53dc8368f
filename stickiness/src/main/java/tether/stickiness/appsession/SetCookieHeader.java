package tether.stickiness.appsession;

import java.util.Locale;

/**
 * The parts of a server's Set-Cookie header the learned table needs: name, value, and whether it
 * deletes the cookie (Max-Age of 0 or less, an Expires in the past, or an empty value). Max-Age wins
 * over Expires, as RFC 6265 says.
 *
 * @param name    the cookie's name
 * @param value   its value, without surrounding quotes
 * @param deletes whether the header tells the browser to drop the cookie
 */
record SetCookieHeader(String name, String value, boolean deletes) {

  /** The header if its cookie has one of these names, else null; never throws on a malformed header. */
  static SetCookieHeader parse(String header, String[] names, long nowMillis) {
    if (header == null) {
      return null;
    }
    int nameStart = skipSpaces(header, 0, header.length());
    int equals = header.indexOf('=', nameStart);
    if (equals < 0) {
      return null;
    }
    String name = matchingName(header, nameStart, trimEnd(header, nameStart, equals), names);
    if (name == null) {
      return null;
    }
    int semicolon = header.indexOf(';', equals + 1);
    int valueEnd = semicolon < 0 ? header.length() : semicolon;
    int valueStart = skipSpaces(header, equals + 1, valueEnd);
    valueEnd = trimEnd(header, valueStart, valueEnd);
    if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"' && header.charAt(valueEnd - 1) == '"') {
      valueStart++;
      valueEnd--;
    }
    String value = header.substring(valueStart, valueEnd);
    return new SetCookieHeader(name, value, value.isEmpty() || expired(header, semicolon, nowMillis));
  }

  private static String matchingName(String header, int start, int end, String[] names) {
    for (String name : names) {
      if (name.length() == end - start && header.startsWith(name, start)) {
        return name;
      }
    }
    return null;
  }

  /** Whether the attributes after {@code at} (a ';' or -1) expire the cookie now. */
  private static boolean expired(String header, int at, long nowMillis) {
    Boolean byMaxAge = null;
    boolean byExpires = false;
    while (at >= 0) {
      int next = header.indexOf(';', at + 1);
      int end = next < 0 ? header.length() : next;
      int start = skipSpaces(header, at + 1, end);
      int equals = header.indexOf('=', start);
      if (equals >= 0 && equals < end) {
        String attribute = header.substring(start, trimEnd(header, start, equals)).toLowerCase(Locale.ROOT);
        int valueStart = skipSpaces(header, equals + 1, end);
        String value = header.substring(valueStart, trimEnd(header, valueStart, end));
        if (attribute.equals("max-age")) {
          Long seconds = maxAge(value);
          if (seconds != null) {
            byMaxAge = seconds <= 0;
          }
        } else if (attribute.equals("expires")) {
          long expires = CookieDate.parse(value);
          byExpires = expires != CookieDate.INVALID && expires <= nowMillis;
        }
      }
      at = next;
    }
    return byMaxAge != null ? byMaxAge : byExpires;
  }

  /** RFC 6265 5.2.2: an optional '-' then digits, else the attribute is ignored (null). */
  private static Long maxAge(String value) {
    int i = value.startsWith("-") ? 1 : 0;
    if (i == value.length()) {
      return null;
    }
    for (int j = i; j < value.length(); j++) {
      if (value.charAt(j) < '0' || value.charAt(j) > '9') {
        return null;
      }
    }
    if (i == 1) {
      return -1L; // any negative value deletes
    }
    return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
  }

  private static int skipSpaces(String text, int from, int to) {
    while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String text, int from, int to) {
    while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }
}
