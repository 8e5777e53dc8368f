package tether.proxy.pool;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import tether.proxy.config.RetryConfig;

/**
 * Bounds the extra load that retries add to a pool, so that retrying cannot turn a struggling pool
 * into a failing one: retries may add at most {@code ratio} to the first attempts of the last ten
 * seconds, and {@code minPerSecond} retries are allowed in every second whatever the ratio, so a quiet
 * pool still retries.
 *
 * <p>Counts are kept in ten buckets of one second each (the window is the current second and the nine
 * before). Counting is an atomic increment; the only lock is taken when a bucket is reused for a new
 * second, once a second at most.
 */
public final class RetryBudget {

  private static final int BUCKETS = 10;
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final double ratio;
  private final int minPerSecond;
  private final LongSupplier nanoClock;
  /** The second each bucket counts. */
  private final AtomicLongArray seconds = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray requests = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);

  /**
   * @param ratio        retries allowed per first attempt over the window, 0..1
   * @param minPerSecond retries allowed in any second whatever the ratio, >= 0
   * @param nanoClock    monotonic time in nanoseconds, such as a scheduler's
   */
  public RetryBudget(double ratio, int minPerSecond, LongSupplier nanoClock) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("ratio: " + ratio + " (expected: 0..1)");
    }
    if (minPerSecond < 0) {
      throw new IllegalArgumentException("minPerSecond: " + minPerSecond + " (expected: >= 0)");
    }
    this.ratio = ratio;
    this.minPerSecond = minPerSecond;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    for (int i = 0; i < BUCKETS; i++) {
      seconds.set(i, Long.MIN_VALUE);
    }
  }

  /** The budget of a pool configured with {@code config}. */
  public static RetryBudget of(RetryConfig config, LongSupplier nanoClock) {
    return new RetryBudget(config.budgetRatio(), config.budgetMinPerSecond(), nanoClock);
  }

  /** A first attempt: it adds to what retries may spend. */
  public void request() {
    requests.incrementAndGet(bucket(second()));
  }

  /** Takes one retry from the budget; false when the budget allows none now. */
  public boolean tryRetry() {
    long second = second();
    int current = bucket(second);
    while (true) {
      long thisSecond = retries.get(current);
      if (thisSecond >= minPerSecond && !withinRatio(second, current, thisSecond)) {
        return false;
      }
      // Retries racing in the same second are counted exactly: only one of them takes each unit.
      if (retries.compareAndSet(current, thisSecond, thisSecond + 1)) {
        return true;
      }
    }
  }

  /** Whether one more retry keeps the window's retries within the ratio of its requests. */
  private boolean withinRatio(long second, int current, long thisSecond) {
    long requestSum = 0;
    long retrySum = thisSecond;
    for (int i = 0; i < BUCKETS; i++) {
      long s = seconds.get(i);
      if (s > second - BUCKETS && s <= second) {
        requestSum += requests.get(i);
        if (i != current) {
          retrySum += retries.get(i);
        }
      }
    }
    // The small addend keeps 0.2 x 100 at 20 despite binary fractions.
    return retrySum < (long) (requestSum * ratio + 1e-9);
  }

  private long second() {
    return Math.floorDiv(nanoClock.getAsLong(), BUCKET_NANOS);
  }

  /** The bucket of {@code second}, emptied first if it still holds an older second. */
  private int bucket(long second) {
    int i = Math.floorMod(second, BUCKETS);
    if (seconds.get(i) < second) {
      rotate(i, second);
    }
    return i;
  }

  private synchronized void rotate(int i, long second) {
    if (seconds.get(i) < second) {
      requests.set(i, 0);
      retries.set(i, 0);
      // Published last: a thread that sees the new second also sees the emptied counts.
      seconds.set(i, second);
    }
  }
}
