package tether.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public final class CidrRange {

  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private CidrRange(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  /**
   * Parses an IP literal with an optional prefix length. Host names are refused, so that parsing never
   * touches DNS.
   */
  public static CidrRange parse(String text) {
    int slash = text.indexOf('/');
    String addressPart = slash < 0 ? text : text.substring(0, slash);
    if (!isIpLiteral(addressPart)) {
      throw new IllegalArgumentException(
          "trusted proxy: " + text + " (expected: an IP address or CIDR range such as 10.0.0.0/8)");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(addressPart).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "trusted proxy: " + text + " (expected: an IP address or CIDR range such as 10.0.0.0/8)");
    }
    int max = address.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException(
            "trusted proxy: " + text + " (expected: a prefix length of 0.." + max + ")");
      }
    }
    return new CidrRange(mask(address, prefix), prefix, text);
  }

  /** Whether {@code address} lies in this range; an IPv4 address never matches an IPv6 range. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    return candidate.length == network.length && Arrays.equals(mask(candidate, prefixLength), network);
  }

  private static boolean isIpLiteral(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    return s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') && s.split("\\.", -1).length == 4;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - bits)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrRange other
        && prefixLength == other.prefixLength
        && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return text;
  }
}
