package tether.stickiness.hash;

import java.util.OptionalLong;
import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityResponse;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;

/**
 * Affinity from a request header such as X-Session-Id: its value is placed on the pool's hash ring,
 * skipping servers over their load bound. Resolutions carry the value's hash, never the value.
 */
public final class HeaderHashStrategy implements AffinityStrategy {

  public static final String NAME = "header";

  private static final Resolution ABSENT = Resolution.none(NAME, "no header");
  private static final Resolution TOO_LONG = Resolution.invalid(NAME, "header value too long");

  private final HeaderHashConfig config;

  public HeaderHashStrategy(HeaderHashConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config: null (expected: a HeaderHashConfig)");
    }
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  public HeaderHashConfig config() {
    return config;
  }

  @Override
  public Resolution resolve(AffinityRequest request, PoolView pool) {
    String value = request.header(config.headerName());
    if (value == null || value.isEmpty()) {
      return ABSENT;
    }
    if (value.length() > config.maxValueLength()) {
      return TOO_LONG;
    }
    long hash = StableHash.hash(value);
    return RingPick.resolve(NAME, pool, hash, StableHash.hex(hash));
  }

  @Override
  public boolean hashes() {
    return true;
  }

  @Override
  public OptionalLong keyHash(AffinityRequest request) {
    String value = request.header(config.headerName());
    if (value == null || value.isEmpty() || value.length() > config.maxValueLength()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(StableHash.hash(value));
  }

  @Override
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    // stateless: the client sends the same header again
  }
}
