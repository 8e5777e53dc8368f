package tether.proxy.config;

import java.util.List;

/**
 * Forwarding headers.
 *
 * @param trustedProxies clients whose own X-Forwarded-* and Forwarded headers are kept and appended
 *                       to; from anyone else they are replaced, so a client cannot spoof its address
 * @param preserveHost   send the client's Host to the server (true) or the server's address (false)
 * @param via            the pseudonym Tether writes in Via; empty writes no Via
 */
public record ForwardedConfig(List<CidrRange> trustedProxies, boolean preserveHost, String via) {

  public ForwardedConfig {
    trustedProxies = List.copyOf(trustedProxies);
  }
}
