package tether.stickiness.appsession;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The lenient cookie-date algorithm of RFC 6265 section 5.1.1, which reads every Expires format
 * servers write ("Thu, 01 Jan 1970 00:00:00 GMT", "Thu, 01-Jan-1970 00:00:10 GMT", "Thursday,
 * 01-Jan-70 ...") without exceptions.
 */
final class CookieDate {

  static final long INVALID = Long.MIN_VALUE;
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private CookieDate() {}

  /** Epoch millis, or {@link #INVALID}. */
  static long parse(String text) {
    int hour = -1;
    int minute = -1;
    int second = -1;
    int day = -1;
    int month = -1;
    int year = -1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && isDelimiter(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isDelimiter(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        continue;
      }
      String token = text.substring(start, i);
      int[] time = hour < 0 ? time(token) : null;
      if (time != null) {
        hour = time[0];
        minute = time[1];
        second = time[2];
      } else if (day < 0 && leadingDigits(token, 1, 2) >= 0) {
        day = leadingDigits(token, 1, 2);
      } else if (month < 0 && month(token) > 0) {
        month = month(token);
      } else if (year < 0 && leadingDigits(token, 2, 4) >= 0) {
        year = leadingDigits(token, 2, 4);
      }
    }
    if (year >= 70 && year <= 99) {
      year += 1900;
    } else if (year >= 0 && year <= 69) {
      year += 2000;
    }
    if (hour < 0 || day < 1 || month < 1 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
      return INVALID;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException e) {
      return INVALID; // e.g. 31 Feb
    }
  }

  /** 1 to 12 if the token starts with a month's three-letter name, else 0. */
  private static int month(String token) {
    int at = token.length() < 3 ? -1 : MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT));
    return at >= 0 && at % 3 == 0 ? at / 3 + 1 : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDelimiter(char c) {
    return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
        || (c >= 0x7b && c <= 0x7e);
  }

  /** The value of 1 to 2 digits ':' 1 to 2 digits ':' 1 to 2 digits at the token's start, or null. */
  private static int[] time(String token) {
    int[] parts = new int[3];
    int i = 0;
    for (int part = 0; part < 3; part++) {
      int start = i;
      int value = 0;
      while (i < token.length() && i - start < 2 && isDigit(token.charAt(i))) {
        value = value * 10 + (token.charAt(i++) - '0');
      }
      if (i == start || (part < 2 && (i >= token.length() || token.charAt(i++) != ':'))) {
        return null;
      }
      parts[part] = value;
    }
    return parts;
  }

  /** The value of min to max leading digits (followed by a non-digit or the end), or -1. */
  private static int leadingDigits(String token, int min, int max) {
    int i = 0;
    int value = 0;
    while (i < token.length() && i < max && isDigit(token.charAt(i))) {
      value = value * 10 + (token.charAt(i++) - '0');
    }
    if (i < min || (i < token.length() && isDigit(token.charAt(i)))) {
      return -1;
    }
    return value;
  }
}
