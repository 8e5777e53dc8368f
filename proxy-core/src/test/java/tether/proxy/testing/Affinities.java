package tether.proxy.testing;

import java.util.List;
import tether.proxy.config.AffinityConfig;

/** Affinity settings for tests. */
public final class Affinities {

  /** A signing secret for tests only: base64 of 32 ASCII bytes. */
  public static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private Affinities() {}

  /** The signed cookie alone, with defaults, and the given policy for unavailable servers. */
  public static AffinityConfig cookie(AffinityConfig.Unavailable policy) {
    return of(policy, AffinityConfig.Strategy.COOKIE);
  }

  /** These strategies in this order, each with its defaults. */
  public static AffinityConfig of(AffinityConfig.Unavailable policy, AffinityConfig.Strategy... strategies) {
    AffinityConfig none = AffinityConfig.NONE;
    return new AffinityConfig(
        List.of(strategies),
        policy,
        none.retryAfter(),
        none.cookie(),
        none.routeSuffix(),
        none.learned(),
        none.header(),
        none.clientAddress());
  }
}
