package tether.proxy.forward;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/** Finds the client behind a chain of trusted proxies in an X-Forwarded-For value. */
final class ClientAddresses {

  private ClientAddresses() {}

  /**
   * The right-most address of the list that is not a trusted proxy: the first hop that nobody trusted
   * vouches for. Only IP literals count; a name or garbage ends the search with {@code null}.
   */
  static InetAddress lastUntrusted(String forwardedFor, Predicate<InetAddress> trusted) {
    int end = forwardedFor.length();
    while (end > 0) {
      int comma = forwardedFor.lastIndexOf(',', end - 1);
      String entry = forwardedFor.substring(comma + 1, end).trim();
      InetAddress address = parseLiteral(entry);
      if (address == null) {
        return null;
      }
      if (!trusted.test(address)) {
        return address;
      }
      end = comma < 0 ? 0 : comma;
    }
    return null;
  }

  /** An IP literal, or null; never a name, and never a DNS lookup, which would block the I/O thread. */
  private static InetAddress parseLiteral(String text) {
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
      if (!ok) {
        return null;
      }
    }
    if (text.charAt(0) == '.') {
      return null;
    }
    try {
      // Starting with a hex digit or a colon and holding a colon, it is parsed as an IPv6 literal or
      // refused; the JDK looks up only what cannot be a literal.
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Four decimal parts of 0..255 separated by dots, or null. */
  private static InetAddress ipv4(String text) {
    byte[] bytes = new byte[4];
    int parts = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || parts == 4) {
          return null;
        }
        bytes[parts++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (parts != 4) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are an IPv4 address", e);
    }
  }
}
