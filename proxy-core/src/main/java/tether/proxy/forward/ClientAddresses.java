package tether.proxy.forward;

import java.net.InetAddress;
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

  private static InetAddress parseLiteral(String text) {
    if (text.isEmpty()) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
      if (!ok) {
        return null;
      }
    }
    try {
      // An IP literal never touches DNS.
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
