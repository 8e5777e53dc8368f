package tether.proxy.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tether.proxy.pool.Server;

/**
 * Smooth weighted round robin: over every cycle of {@code sum(weights)} picks each server is chosen
 * exactly its weight's number of times, interleaved rather than in runs (weights 5:1:1 give
 * a a b a c a a, not a a a a a b c).
 *
 * <p>The interleaving is the classic "add each weight to a running score, choose the highest, subtract the
 * total" algorithm. It is computed once per snapshot into a table, so that a pick is one atomic increment
 * and an array read, with no lock on the request path. Weights are divided by their greatest common
 * divisor first, which keeps the table short for typical weights, and rounded when the table would
 * still be too long.
 */
final class SmoothWeightedRoundRobin implements Balancer {

  /**
   * The longest table. Effective weights count hundredths, so while a ramp moves one of them the common
   * divisor is 1 and a pool of large weights would need a table of millions of entries, rebuilt with
   * every snapshot; beyond this length the weights are rounded instead, each share by about one entry in
   * this many.
   */
  static final int MAX_SEQUENCE = 1 << 16;

  private final Server[] servers;
  private final int[] sequence;
  private final AtomicLong next = new AtomicLong();

  SmoothWeightedRoundRobin(List<Server> servers) {
    this.servers = servers.toArray(new Server[0]);
    this.sequence = buildSequence(this.servers);
  }

  @Override
  public Server pick(Predicate<? super Server> eligible, long hash) {
    int length = sequence.length;
    if (length == 0) {
      return null;
    }
    int start = (int) Math.floorMod(next.getAndIncrement(), (long) length);
    for (int i = 0; i < length; i++) {
      Server candidate = servers[sequence[(start + i) % length]];
      if (eligible.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int[] buildSequence(Server[] servers) {
    int n = servers.length;
    int[] weights = new int[n];
    int divisor = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = servers[i].effectiveWeight();
      divisor = gcd(divisor, weights[i]);
    }
    if (divisor == 0) {
      return new int[0];
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] /= divisor;
      total += weights[i];
    }
    if (total > MAX_SEQUENCE) {
      total = shrink(weights, total);
    }
    int[] sequence = new int[(int) total];
    long[] score = new long[n];
    for (int step = 0; step < total; step++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        score[i] += weights[i];
        if (weights[i] > 0 && (best < 0 || score[i] > score[best])) {
          best = i;
        }
      }
      score[best] -= total;
      sequence[step] = best;
    }
    return sequence;
  }

  /**
   * Scales the weights down so that the table has at most about {@link #MAX_SEQUENCE} entries; every
   * positive weight stays at least 1. Each share moves by at most one entry in the table.
   */
  private static long shrink(int[] weights, long total) {
    long shrunk = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        weights[i] = (int) Math.max(1, weights[i] * (long) MAX_SEQUENCE / total);
        shrunk += weights[i];
      }
    }
    return shrunk;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
