package tether.proxy.config;

import java.util.List;
import java.util.Set;

/**
 * Forwarding headers.
 *
 * @param trustedProxies clients whose own X-Forwarded-* and Forwarded headers are kept and appended
 *                       to; from anyone else they are replaced, so a client cannot spoof its address
 * @param preserveHost   send the client's Host to the server (true) or the server's address (false)
 * @param via            the pseudonym Tether writes in Via; empty writes no Via
 * @param headers        the families of forwarding headers Tether writes; one left out is still dropped
 *                       from untrusted clients and passed on unchanged from trusted proxies
 */
public record ForwardedConfig(List<CidrRange> trustedProxies, boolean preserveHost, String via, Set<Header> headers) {

  public ForwardedConfig {
    trustedProxies = List.copyOf(trustedProxies);
    headers = Set.copyOf(headers);
  }

  /** The defaults: both families. */
  public static Set<Header> allHeaders() {
    return Set.of(Header.values());
  }

  /** A family of forwarding headers, as {@code forwarded.headers} names it. */
  public enum Header {
    /** X-Forwarded-For, -Proto, -Host and -Port. */
    X_FORWARDED("x-forwarded"),
    /** RFC 7239 Forwarded. */
    FORWARDED("forwarded");

    private final String configName;

    Header(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }
}
