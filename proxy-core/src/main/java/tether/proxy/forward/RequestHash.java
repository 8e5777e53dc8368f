package tether.proxy.forward;

import java.net.InetAddress;
import tether.proxy.config.HashKey;
import tether.stickiness.StableHash;

/**
 * The 64-bit hash of a request that hashing balancers place on their ring. A request without the named
 * value hashes as 0, so such requests share one place on the ring (and the bounded load spreads them when
 * they pile up).
 */
final class RequestHash {

  private RequestHash() {}

  static long of(HashKey key, RequestView request) {
    return switch (key.source()) {
      case CLIENT_ADDRESS -> address(request.clientAddress());
      case PATH -> StableHash.hash(request.rawPath());
      case HEADER -> text(request.header(key.name()));
      case COOKIE -> text(request.cookie(key.name()));
      case QUERY -> text(request.queryParameter(key.name()));
    };
  }

  private static long text(String value) {
    return value == null ? 0 : StableHash.hash(value);
  }

  private static long address(InetAddress address) {
    return address == null ? 0 : StableHash.hash(address.getAddress());
  }
}
