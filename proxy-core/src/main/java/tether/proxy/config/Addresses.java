package tether.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses {@code host:port} and bare hosts as written in the configuration. Never touches DNS: a host
 * name is checked for its shape only, an IP literal for being a valid address.
 */
final class Addresses {

  static final String HOST_PORT = "host:port";

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_.])?");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private Addresses() {}

  /**
   * Parses {@code host:port}, {@code [ipv6]:port} included.
   *
   * @throws IllegalArgumentException whose message is what was expected, e.g. {@code host:port with port 1..65535}
   */
  static HostPort parseHostPort(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw expected("with IPv6 in brackets, such as [::1]:8080");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (rest.isEmpty()) {
        throw expected("with a port after the address, such as [::1]:8080");
      }
      if (!rest.startsWith(":")) {
        throw expected("with IPv6 in brackets, such as [::1]:8080");
      }
      port = rest.substring(1);
      if (host.isEmpty() || !isIpv6(host)) {
        throw expected("with a valid IPv6 address in brackets, such as [::1]:8080");
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw expected("with a port, such as " + (text.isEmpty() ? "localhost" : text) + ":8080");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.isEmpty()) {
        throw expected("with a non-empty host");
      }
      if (host.indexOf(':') >= 0) {
        throw expected("with IPv6 in brackets, such as [::1]:8080");
      }
      String hostProblem = hostProblem(host);
      if (hostProblem != null) {
        throw expected("with " + hostProblem);
      }
    }
    return new HostPort(host, parsePort(port));
  }

  /**
   * Why {@code host} is not a usable host name or IPv4 literal, or null if it is. IPv6 literals are
   * accepted bare here, since a host on its own needs no brackets.
   */
  static String hostProblem(String host) {
    if (host.isEmpty()) {
      return "a non-empty host";
    }
    if (host.indexOf(':') >= 0) {
      return isIpv6(host) ? null : "a host name or IP address";
    }
    if (DOTTED_NUMBERS.matcher(host).matches()) {
      return isIpv4(host) ? null : "a valid IPv4 address (four numbers 0..255)";
    }
    return HOST_NAME.matcher(host).matches() ? null : "a host name of letters, digits, '.', '-' and '_'";
  }

  /** A form of the address under which two spellings of the same endpoint compare equal. */
  static String identity(HostPort address) {
    String host = address.host().toLowerCase(Locale.ROOT);
    if (host.indexOf(':') >= 0) {
      try {
        host = InetAddress.getByName(host).getHostAddress();
      } catch (UnknownHostException e) {
        // Already validated as a literal; keep the text if the JDK disagrees.
      }
    }
    return host + " " + address.port();
  }

  private static int parsePort(String text) {
    if (text.isEmpty()) {
      throw expected("with a port, such as localhost:8080");
    }
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw expected("with port 1..65535");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw expected("with port 1..65535");
    }
    return port;
  }

  private static boolean isIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String host) {
    if (!IPV6_CHARS.matcher(host).matches() || host.indexOf(':') < 0) {
      return false;
    }
    try {
      // A literal with a colon is parsed locally by the JDK, never looked up.
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static IllegalArgumentException expected(String detail) {
    return new IllegalArgumentException(HOST_PORT + " " + detail);
  }
}
