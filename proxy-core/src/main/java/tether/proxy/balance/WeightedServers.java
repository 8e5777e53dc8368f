package tether.proxy.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import tether.proxy.pool.Server;

/**
 * The servers of a snapshot with a positive effective weight, and a weighted random draw among those a
 * predicate accepts.
 *
 * <p>The draw first tries a couple of plain draws over all servers (one random number and a binary search
 * over cumulative weights each), which is all it takes when most servers are eligible. Only if those
 * land on rejected servers does it fall back to two passes over the eligible ones. Both ways give each
 * eligible server exactly its share of the eligible weight, so the shortcut changes cost, never odds.
 */
final class WeightedServers {

  private static final int QUICK_DRAWS = 2;

  private final Server[] servers;
  /** {@code cumulative[i]} is the sum of the weights of servers 0..i. */
  private final long[] cumulative;

  WeightedServers(List<Server> all) {
    List<Server> weighted = new ArrayList<>();
    for (Server server : all) {
      if (server.effectiveWeight() > 0) {
        weighted.add(server);
      }
    }
    this.servers = weighted.toArray(new Server[0]);
    this.cumulative = new long[servers.length];
    long sum = 0;
    for (int i = 0; i < servers.length; i++) {
      sum += servers[i].effectiveWeight();
      cumulative[i] = sum;
    }
  }

  int size() {
    return servers.length;
  }

  Server get(int index) {
    return servers[index];
  }

  long totalWeight() {
    return servers.length == 0 ? 0 : cumulative[servers.length - 1];
  }

  /**
   * The index of a server drawn by weight among those {@code eligible} accepts, leaving out the one at
   * {@code excluded} (-1 to leave out none); -1 when there is none.
   */
  int draw(RandomGenerator random, Predicate<? super Server> eligible, int excluded) {
    long total = totalWeight();
    if (total == 0) {
      return -1;
    }
    for (int attempt = 0; attempt < QUICK_DRAWS; attempt++) {
      int index = indexAt(random.nextLong(total));
      if (index != excluded && eligible.test(servers[index])) {
        return index;
      }
    }
    long eligibleTotal = 0;
    for (int i = 0; i < servers.length; i++) {
      if (i != excluded && eligible.test(servers[i])) {
        eligibleTotal += servers[i].effectiveWeight();
      }
    }
    if (eligibleTotal == 0) {
      return -1;
    }
    long point = random.nextLong(eligibleTotal);
    int last = -1;
    for (int i = 0; i < servers.length; i++) {
      if (i != excluded && eligible.test(servers[i])) {
        point -= servers[i].effectiveWeight();
        last = i;
        if (point < 0) {
          return i;
        }
      }
    }
    return last;
  }

  /** The server whose slice of {@code [0, totalWeight)} holds {@code point}. */
  private int indexAt(long point) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > point) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}
