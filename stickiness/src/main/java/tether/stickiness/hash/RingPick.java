package tether.stickiness.hash;

import tether.stickiness.HashRing;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;

/** What both hash strategies do with a key's hash: pick on the pool's ring under its load bound. */
final class RingPick {

  private RingPick() {}

  static Resolution resolve(String strategy, PoolView pool, long hash, String sessionId) {
    HashRing ring = pool.ring();
    if (ring == null || ring.isEmpty()) {
      return Resolution.none(strategy, "no server on the ring");
    }
    String serverId = ring.pick(hash, pool.underLoadBound());
    return serverId == null
        ? Resolution.none(strategy, "every server over its load bound")
        : Resolution.valid(strategy, serverId, sessionId);
  }
}
