package tether.stickiness.hash;

import java.net.InetAddress;
import java.util.OptionalLong;
import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityResponse;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;

/**
 * Affinity from the client's address (or its network prefix) on the pool's hash ring, skipping
 * servers over their load bound. Clients behind one NAT all land on one server: prefer a cookie or
 * header when the clients allow it.
 */
public final class ClientAddressStrategy implements AffinityStrategy {

  public static final String NAME = "client-address";

  private static final Resolution ABSENT = Resolution.none(NAME, "no client address");

  private final ClientAddressConfig config;

  public ClientAddressStrategy(ClientAddressConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config: null (expected: a ClientAddressConfig)");
    }
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  public ClientAddressConfig config() {
    return config;
  }

  @Override
  public Resolution resolve(AffinityRequest request, PoolView pool) {
    OptionalLong hash = keyHash(request);
    return hash.isEmpty() ? ABSENT : RingPick.resolve(NAME, pool, hash.getAsLong(), null);
  }

  @Override
  public boolean hashes() {
    return true;
  }

  /** The hash of the client's network: its address with the bits after the configured prefix zeroed. */
  @Override
  public OptionalLong keyHash(AffinityRequest request) {
    InetAddress address = request.clientAddress();
    if (address == null) {
      return OptionalLong.empty();
    }
    byte[] bytes = address.getAddress();
    int prefix = bytes.length == 4 ? config.ipv4PrefixLength() : config.ipv6PrefixLength();
    mask(bytes, prefix);
    return OptionalLong.of(StableHash.hash(bytes));
  }

  @Override
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    // stateless: the client comes from the same address again
  }

  /** Zeroes every bit after the first {@code prefix} bits. */
  static void mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      bytes[i] &= (byte) (0xff00 >> keep);
    }
  }
}
