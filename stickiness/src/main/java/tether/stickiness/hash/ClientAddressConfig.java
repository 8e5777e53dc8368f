package tether.stickiness.hash;

/**
 * Which part of the client's address is hashed. A shorter prefix keeps a client whose address changes
 * within its network (mobile carriers, IPv6 privacy addresses) on the same server.
 *
 * @param ipv4PrefixLength leading bits of an IPv4 address hashed, 0..32 (default 32)
 * @param ipv6PrefixLength leading bits of an IPv6 address hashed, 0..128 (default 64, one subnet)
 */
public record ClientAddressConfig(int ipv4PrefixLength, int ipv6PrefixLength) {

  public static final int DEFAULT_IPV4_PREFIX = 32;
  public static final int DEFAULT_IPV6_PREFIX = 64;

  public ClientAddressConfig {
    if (ipv4PrefixLength < 0 || ipv4PrefixLength > 32) {
      throw new IllegalArgumentException("ipv4PrefixLength: " + ipv4PrefixLength + " (expected: 0..32)");
    }
    if (ipv6PrefixLength < 0 || ipv6PrefixLength > 128) {
      throw new IllegalArgumentException("ipv6PrefixLength: " + ipv6PrefixLength + " (expected: 0..128)");
    }
  }

  public static ClientAddressConfig defaults() {
    return new ClientAddressConfig(DEFAULT_IPV4_PREFIX, DEFAULT_IPV6_PREFIX);
  }
}
