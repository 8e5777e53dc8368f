package tether.proxy.affinity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;
import tether.stickiness.HashRing;
import tether.stickiness.PoolView;

/**
 * One pool snapshot as the strategies see it. The hash ring holds the servers that take pinned sessions,
 * by configured weight, so that a ramp never moves keys and only a server leaving the ring does.
 */
final class SnapshotView implements PoolView {

  /** How far above the average load a server may be before hashing passes it over. */
  private static final double LOAD_FACTOR = 1.25;

  /**
   * Below this many requests in flight a server is never passed over. A hashed key that moves loses its
   * session, so the bound exists only to shield a server from a hot key under real load, never to even
   * out the ordinary jitter of a few concurrent requests.
   */
  static final long MIN_LOAD_BOUND = 64;

  private final PoolSnapshot snapshot;
  private final HashRing ring;
  private final Predicate<String> underLoadBound = this::underLoadBound;

  SnapshotView(PoolSnapshot snapshot) {
    this.snapshot = snapshot;
    List<HashRing.Member> members = new ArrayList<>();
    for (Server s : snapshot.servers()) {
      if (s.acceptsPinnedSessions() && s.weight() > 0) {
        members.add(new HashRing.Member(s.id(), s.weight()));
      }
    }
    this.ring = HashRing.of(members);
  }

  PoolSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public String serverIdForRoute(String route) {
    Server s = snapshot.serverForRoute(route);
    return s == null ? null : s.id();
  }

  @Override
  public HashRing ring() {
    return ring;
  }

  @Override
  public Predicate<String> underLoadBound() {
    return underLoadBound;
  }

  private boolean underLoadBound(String serverId) {
    Server candidate = snapshot.server(serverId);
    if (candidate == null) {
      return false;
    }
    long total = 0;
    int n = 0;
    for (Server s : snapshot.servers()) {
      if (s.acceptsPinnedSessions()) {
        total += s.metrics().inFlight();
        n++;
      }
    }
    long bound = Math.max(MIN_LOAD_BOUND, (long) Math.ceil(LOAD_FACTOR * (total + 1) / Math.max(1, n)));
    return candidate.metrics().inFlight() < bound;
  }
}
