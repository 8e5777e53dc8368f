package tether.stickiness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable consistent-hash ring. Each server owns {@code weight * pointsPerWeight} points placed
 * at {@code StableHash.hash(serverId + "#" + i)}, so the ring depends only on the (serverId, weight)
 * pairs: every instance with the same server list builds the same ring, and adding a server takes
 * keys only from the arcs its new points split (about 1/n of them).
 *
 * <p>To keep memory bounded (12 bytes a point) the points per weight unit shrink when the total would
 * pass {@link #MAX_POINTS}; when that happens, changing the server list moves more keys than 1/n.
 */
public final class HashRing {

  public static final int DEFAULT_POINTS_PER_WEIGHT = 100;
  public static final int MAX_POINTS = 1 << 17;

  private static final HashRing EMPTY = new HashRing(List.of(), new long[0], new int[0], new String[0]);

  private final List<Member> members;
  private final long[] points;
  private final int[] owners;
  private final String[] servers;

  /** A server and its weight; weight 0 keeps it off the ring. */
  public record Member(String serverId, int weight) {
    public Member {
      if (serverId == null || serverId.isEmpty()) {
        throw new IllegalArgumentException("serverId: " + serverId + " (expected: a non-empty id)");
      }
      if (weight < 0) {
        throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
      }
    }
  }

  private HashRing(List<Member> members, long[] points, int[] owners, String[] servers) {
    this.members = members;
    this.points = points;
    this.owners = owners;
    this.servers = servers;
  }

  public static HashRing empty() {
    return EMPTY;
  }

  public static HashRing of(Collection<Member> members) {
    return of(members, DEFAULT_POINTS_PER_WEIGHT);
  }

  public static HashRing of(Collection<Member> members, int pointsPerWeight) {
    if (pointsPerWeight < 1) {
      throw new IllegalArgumentException("pointsPerWeight: " + pointsPerWeight + " (expected: >= 1)");
    }
    List<Member> sorted = new ArrayList<>(members);
    // Sorting makes ties between equal point hashes resolve the same way whatever the input order.
    sorted.sort(Comparator.comparing(Member::serverId));
    Set<String> seen = new HashSet<>();
    long totalWeight = 0;
    List<Member> placed = new ArrayList<>();
    for (Member member : sorted) {
      if (!seen.add(member.serverId())) {
        throw new IllegalArgumentException("members: duplicate server " + member.serverId()
            + " (expected: distinct server ids)");
      }
      if (member.weight() > 0) {
        placed.add(member);
        totalWeight += member.weight();
      }
    }
    if (placed.isEmpty()) {
      return new HashRing(List.copyOf(members), new long[0], new int[0], new String[0]);
    }
    long perWeight = Math.max(1, Math.min(pointsPerWeight, MAX_POINTS / totalWeight));
    return build(List.copyOf(members), placed, (int) perWeight);
  }

  private static HashRing build(List<Member> members, List<Member> placed, int perWeight) {
    String[] servers = new String[placed.size()];
    long[][] pairs = new long[Math.toIntExact(perWeightTotal(placed, perWeight))][];
    int next = 0;
    for (int owner = 0; owner < placed.size(); owner++) {
      Member member = placed.get(owner);
      servers[owner] = member.serverId();
      int count = member.weight() * perWeight;
      for (int i = 0; i < count; i++) {
        pairs[next++] = new long[] {StableHash.hash(member.serverId() + "#" + i), owner};
      }
    }
    // Owners are indexes into servers sorted by id, so equal hashes tie-break by server id.
    Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] points = new long[pairs.length];
    int[] owners = new int[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      points[i] = pairs[i][0];
      owners[i] = (int) pairs[i][1];
    }
    return new HashRing(members, points, owners, servers);
  }

  private static long perWeightTotal(List<Member> placed, int perWeight) {
    long total = 0;
    for (Member member : placed) {
      total += (long) member.weight() * perWeight;
    }
    return total;
  }

  /** The server for this key: {@link #pick(long, Predicate)} of its {@link StableHash}. */
  public String pick(CharSequence key, Predicate<String> accept) {
    return pick(StableHash.hash(key), accept);
  }

  public String pick(byte[] key, Predicate<String> accept) {
    return pick(StableHash.hash(key), accept);
  }

  /**
   * The owner of the first point at or after {@code keyHash}, walking clockwise past servers
   * {@code accept} rejects (each asked at most once); null when the ring is empty or every server is
   * rejected. A null {@code accept} accepts every server.
   */
  public String pick(long keyHash, Predicate<String> accept) {
    int n = points.length;
    if (n == 0) {
      return null;
    }
    int start = Arrays.binarySearch(points, keyHash);
    if (start < 0) {
      start = -start - 1;
    } else {
      while (start > 0 && points[start - 1] == keyHash) {
        start--;
      }
    }
    if (start == n) {
      start = 0;
    }
    String first = servers[owners[start]];
    if (accept == null || accept.test(first)) {
      return first;
    }
    boolean[] rejected = new boolean[servers.length];
    rejected[owners[start]] = true;
    int remaining = servers.length - 1;
    for (int step = 1; step < n && remaining > 0; step++) {
      int owner = owners[(start + step) % n];
      if (!rejected[owner]) {
        if (accept.test(servers[owner])) {
          return servers[owner];
        }
        rejected[owner] = true;
        remaining--;
      }
    }
    return null;
  }

  /** The members it was built from, including weight-0 ones. */
  public List<Member> members() {
    return members;
  }

  public int size() {
    return points.length;
  }

  public boolean isEmpty() {
    return points.length == 0;
  }
}
