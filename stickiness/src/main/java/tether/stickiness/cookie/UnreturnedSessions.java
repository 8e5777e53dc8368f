package tether.stickiness.cookie;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sessions this instance started whose cookie has not come back yet, counted per server without an
 * object per session.
 *
 * <p>A session is live from its first response: the application has made its state by then, and a
 * drain must wait for a user who reads the first page for ten minutes before the next click. But many
 * clients never send the cookie back (crawlers, monitors, scripts); tracking each of them in the session
 * table cost a table entry per request, and their promotion to the old generation cost long young-GC
 * pauses. So a new session is only counted here, in a time bucket per server, and enters the table
 * when its cookie first returns, leaving its bucket then.
 *
 * <p>Each server has a ring of buckets, each one long packing the bucket's number (which period of
 * {@code width} seconds it counts) and its count, updated by compare-and-set. A bucket counts while any
 * part of it is within max-idle, so a session is counted at most one bucket width longer than its
 * cookie stays valid; never shorter.
 */
final class UnreturnedSessions {

  private static final int COUNT_BITS = 24;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final int TARGET_BUCKETS = 60;

  private final long maxIdle;
  private final long width;
  private final int slots;
  private final ConcurrentHashMap<String, AtomicLongArray> rings = new ConcurrentHashMap<>();

  UnreturnedSessions(Duration maxIdle) {
    this.maxIdle = maxIdle.toSeconds();
    this.width = Math.max(1, (this.maxIdle + TARGET_BUCKETS - 1) / TARGET_BUCKETS);
    // Every bucket that can still count, plus the one being filled.
    this.slots = (int) (this.maxIdle / width) + 2;
  }

  /** A session started on {@code server} at {@code now} (epoch seconds). */
  void started(String server, long now) {
    AtomicLongArray ring = rings.computeIfAbsent(server, s -> new AtomicLongArray(slots));
    long bucket = Math.floorDiv(now, width);
    int slot = (int) Math.floorMod(bucket, (long) slots);
    while (true) {
      long packed = ring.get(slot);
      long next;
      if (packed >>> COUNT_BITS != bucket) {
        next = bucket << COUNT_BITS | 1;
      } else if ((packed & COUNT_MASK) == COUNT_MASK) {
        return; // saturated: 16 million sessions in one bucket are counted as that many
      } else {
        next = packed + 1;
      }
      if (ring.compareAndSet(slot, packed, next)) {
        return;
      }
    }
  }

  /** A session started at {@code startedAt} on {@code server} came back: it is counted elsewhere now. */
  void returned(String server, long startedAt) {
    AtomicLongArray ring = rings.get(server);
    if (ring == null) {
      return;
    }
    long bucket = Math.floorDiv(startedAt, width);
    int slot = (int) Math.floorMod(bucket, (long) slots);
    while (true) {
      long packed = ring.get(slot);
      // A bucket reused for a later period no longer holds it; an empty one never did here.
      if (packed >>> COUNT_BITS != bucket || (packed & COUNT_MASK) == 0) {
        return;
      }
      if (ring.compareAndSet(slot, packed, packed - 1)) {
        return;
      }
    }
  }

  /** Sessions started on {@code server} whose cookie may still come back at {@code now}. */
  long count(String server, long now) {
    AtomicLongArray ring = rings.get(server);
    return ring == null ? 0 : count(ring, now);
  }

  /** By server, servers with none left out. */
  Map<String, Long> counts(long now) {
    Map<String, Long> counts = new HashMap<>();
    rings.forEach((server, ring) -> {
      long n = count(ring, now);
      if (n > 0) {
        counts.put(server, n);
      }
    });
    return counts;
  }

  private long count(AtomicLongArray ring, long now) {
    long current = Math.floorDiv(now, width);
    // The oldest bucket whose last second is within max-idle of now.
    long oldest = Math.floorDiv(now - maxIdle, width);
    long total = 0;
    for (int i = 0; i < ring.length(); i++) {
      long packed = ring.get(i);
      long bucket = packed >>> COUNT_BITS;
      if (packed != 0 && bucket >= oldest && bucket <= current) {
        total += packed & COUNT_MASK;
      }
    }
    return total;
  }
}
