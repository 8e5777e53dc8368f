package tether.proxy.balance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tether.proxy.pool.Server;
import tether.stickiness.HashRing;

/**
 * Consistent hashing with bounded loads: the request's hash picks a point on a ring where each server owns
 * points in proportion to its effective weight, and the request goes to the first server clockwise whose
 * in-flight requests, counting this one, stay within {@code ceil(loadFactor * (totalInFlight + 1) * weight
 * / totalWeight)}. A key keeps its server while that server is not overloaded, a hot key spills over to
 * the next servers on the ring instead of swamping one, and removing a server moves only its own keys.
 *
 * <p>The ring is the stickiness module's {@link HashRing}, so the placement of keys depends only on the
 * servers and their weights, and is the same on every Tether instance. Since the bound sums
 * exceed the total load, some server is always within it; only when the eligible ones are all over it
 * does the first eligible server clockwise take the request anyway.
 *
 * <p>A pick reads every server's in-flight count (for the total). When the key's own server cannot take
 * the request, the walk allocates the small predicate it hands the ring (and the ring its bookkeeping).
 */
final class BoundedLoadHash implements Balancer {

  /** Enough for arcs within a few percent of their share. */
  static final int POINTS_PER_WEIGHT = 100;

  private final Server[] servers;
  private final Map<String, Server> byId;
  private final HashRing ring;
  private final double loadFactor;
  private final long totalWeight;

  BoundedLoadHash(List<Server> servers, double loadFactor) {
    List<Server> weighted = new ArrayList<>();
    Map<String, Server> byId = new HashMap<>();
    long totalWeight = 0;
    for (Server server : servers) {
      if (server.effectiveWeight() > 0) {
        weighted.add(server);
        byId.put(server.id(), server);
        totalWeight += server.effectiveWeight();
      }
    }
    this.servers = weighted.toArray(new Server[0]);
    this.byId = byId;
    this.ring = ring(weighted);
    this.loadFactor = loadFactor;
    this.totalWeight = totalWeight;
  }

  /**
   * A ring with {@value #POINTS_PER_WEIGHT} points per unit of configured weight, fewer when that would
   * pass {@link HashRing#MAX_POINTS}. The number per unit is fixed by the effective weights rounded up to
   * whole configured units, so that while a ramp moves one server's weight the other servers keep their
   * points, and only keys to or from the ramping server move.
   */
  private static HashRing ring(List<Server> servers) {
    long units = 0;
    for (Server server : servers) {
      units += ceilDiv(server.effectiveWeight(), Server.WEIGHT_SCALE);
    }
    long perUnit = units == 0 ? 1 : Math.max(1, Math.min(POINTS_PER_WEIGHT, HashRing.MAX_POINTS / units));
    List<HashRing.Member> members = new ArrayList<>();
    for (Server server : servers) {
      long points = ceilDiv(server.effectiveWeight() * perUnit, Server.WEIGHT_SCALE);
      members.add(new HashRing.Member(server.id(), Math.toIntExact(points)));
    }
    return HashRing.of(members, 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public Server pick(Predicate<? super Server> eligible, long hash) {
    if (servers.length == 0) {
      return null;
    }
    long totalInFlight = 0;
    for (Server server : servers) {
      totalInFlight += server.metrics().inFlight();
    }
    double boundPerWeight = loadFactor * (totalInFlight + 1) / totalWeight;
    // The key's own server usually takes it: asking the ring without a predicate allocates nothing.
    Server owner = byId.get(ring.pick(hash, null));
    if (eligible.test(owner) && withinBound(owner, boundPerWeight)) {
      return owner;
    }
    String id = ring.pick(hash, serverId -> {
      Server server = byId.get(serverId);
      return eligible.test(server) && withinBound(server, boundPerWeight);
    });
    if (id == null) {
      id = ring.pick(hash, serverId -> eligible.test(byId.get(serverId)));
    }
    return id == null ? null : byId.get(id);
  }

  @Override
  public boolean usesHash() {
    return true;
  }

  /** Whether taking one more request keeps the server within its share of the bound. */
  private static boolean withinBound(Server server, double boundPerWeight) {
    return server.metrics().inFlight() + 1 <= Math.ceil(boundPerWeight * server.effectiveWeight());
  }
}
