package tether.routing;

import java.util.Locale;

/** Host names in rules (checked once) and in requests (reduced per lookup, without copying when possible). */
final class HostNames {

  static final String EXPECTED =
      "a host name or IP address without port, *.domain for its sub-domains, or * for any host";

  private HostNames() {}

  /** Whether {@code host} is a valid lower-case name, IPv4 address or bracketed IPv6 address. */
  static boolean isValidExact(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    if (host.charAt(0) == '[') {
      return host.length() > 2 && host.charAt(host.length() - 1) == ']'
          && host.substring(1, host.length() - 1).chars().allMatch(c -> isHex(c) || c == ':' || c == '.');
    }
    int labelLength = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (labelLength == 0) {
          return false;
        }
        labelLength = 0;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        if (++labelLength > 63) {
          return false;
        }
      } else {
        return false;
      }
    }
    return labelLength > 0;
  }

  /** Lower case, without one trailing dot ({@code example.com.} is {@code example.com}). */
  static String canonical(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    int n = lower.length();
    boolean trailingDot = n > 1 && lower.charAt(n - 1) == '.' && Character.isLetterOrDigit(lower.charAt(n - 2));
    return trailingDot ? lower.substring(0, n - 1) : lower;
  }

  /** End of the host part of a Host header starting at 0: before the port and a trailing dot. */
  static int hostEnd(String header) {
    int end;
    if (header.startsWith("[")) {
      int close = header.indexOf(']');
      end = close < 0 ? header.length() : close + 1;
    } else {
      int colon = header.indexOf(':');
      end = colon < 0 ? header.length() : colon;
    }
    return end > 1 && header.charAt(end - 1) == '.' ? end - 1 : end;
  }

  static boolean hasUpperCase(String s, int end) {
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
