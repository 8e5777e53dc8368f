package tether.proxy.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.QueueConfig;

/**
 * An optional limit of concurrent requests to one server, with a bounded FIFO queue for requests over
 * it. Taking a free slot is one compare-and-set; the queue is guarded by a lock that is never held
 * while a waiter's task or the scheduler runs.
 *
 * <p>Every waiter ends exactly once: granted (holding a slot), timed out, or cancelled. Each of those
 * moves happens under the lock and only from the waiting state, so a release racing a time-out or a
 * cancel cannot lose a slot or grant it twice.
 */
public final class ServerSlots {

  private static final Logger log = LoggerFactory.getLogger(ServerSlots.class);

  /** No limit: every request gets through at once and nothing is counted. */
  public static final ServerSlots UNLIMITED = new ServerSlots();

  /** What {@link #enqueue} returns on an unlimited server, whose waiters are granted at once. */
  private static final Waiter GRANTED_AT_ONCE = () -> false;

  private final int max;
  private final int queueSize;
  private final long timeoutNanos;
  private final Scheduler scheduler;
  private final AtomicInteger inUse = new AtomicInteger();
  private final Object lock = new Object();
  /** Guarded by lock. */
  private final ArrayDeque<QueuedWaiter> queue = new ArrayDeque<>();
  /** The queue's length, written under lock, read without it. */
  private volatile int queued;

  private ServerSlots() {
    max = 0;
    queueSize = 0;
    timeoutNanos = 0;
    scheduler = null;
  }

  /**
   * @param maxConcurrent requests the server takes at once, >= 1
   * @param queueSize     requests that may wait for a slot, >= 0
   * @param queueTimeout  how long one may wait, > 0
   */
  public ServerSlots(int maxConcurrent, int queueSize, Duration queueTimeout, Scheduler scheduler) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent: " + maxConcurrent + " (expected: >= 1)");
    }
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize: " + queueSize + " (expected: >= 0)");
    }
    if (queueTimeout.isNegative() || queueTimeout.isZero()) {
      throw new IllegalArgumentException("queueTimeout: " + queueTimeout + " (expected: > 0)");
    }
    this.max = maxConcurrent;
    this.queueSize = queueSize;
    this.timeoutNanos = queueTimeout.toNanos();
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The slots of one server of a pool configured with {@code config}: {@link #UNLIMITED} without a limit. */
  public static ServerSlots of(QueueConfig config, Scheduler scheduler) {
    return config.limited()
        ? new ServerSlots(config.maxConcurrent(), config.queueSize(), config.queueTimeout(), scheduler)
        : UNLIMITED;
  }

  public boolean limited() {
    return max > 0;
  }

  /**
   * Takes a free slot if there is one and nobody is waiting for it. On true the caller holds a slot
   * and must {@link #release()} it exactly once.
   */
  public boolean tryAcquire() {
    if (max == 0) {
      return true;
    }
    // Waiters came first: a newcomer queues behind them rather than overtaking.
    return queued == 0 && acquire();
  }

  /** A hint for balancers: the server has no free slot now. */
  public boolean full() {
    return max > 0 && (queued > 0 || inUse.get() >= max);
  }

  /**
   * Waits for a slot. Returns null when the queue is full (the caller answers 503 at once). Otherwise
   * exactly one of {@code granted} (run holding a slot, which it must release) or {@code timedOut}
   * runs, once, unless {@link Waiter#cancel()} succeeds first. {@code granted} may run on this very
   * thread before this returns, when a slot came free meanwhile, or on the thread of a later
   * {@link #release()}; {@code timedOut} runs on the scheduler's thread.
   */
  public Waiter enqueue(Runnable granted, Runnable timedOut) {
    Objects.requireNonNull(granted, "granted");
    Objects.requireNonNull(timedOut, "timedOut");
    if (max == 0) {
      granted.run();
      return GRANTED_AT_ONCE;
    }
    if (queued >= queueSize) {
      return null;
    }
    QueuedWaiter waiter = new QueuedWaiter(granted, timedOut);
    // Scheduled before the waiter is queued, so that whoever grants or cancels it can call it off.
    waiter.timeout = scheduler.schedule(() -> timeOut(waiter), timeoutNanos);
    boolean full = false;
    synchronized (lock) {
      // Not waiting any more only if the time-out already ran: then it is over and was never queued.
      if (waiter.state == State.WAITING) {
        full = queue.size() >= queueSize;
        if (full) {
          waiter.state = State.CANCELLED;
        } else {
          queue.addLast(waiter);
          queued = queue.size();
        }
      }
    }
    if (full) {
      waiter.timeout.cancel();
      return null;
    }
    // A slot may have come free between the caller's tryAcquire and the queueing: its release saw
    // no waiter, so nobody else would grant it.
    grantFree();
    return waiter;
  }

  /** Gives the caller's slot to the oldest waiter, running its task on this thread, or frees it. */
  public void release() {
    if (max == 0) {
      return;
    }
    while (true) {
      int n = inUse.get();
      if (n == 0) {
        throw new IllegalStateException("release: no slot is in use (expected: one release per acquired slot)");
      }
      if (inUse.compareAndSet(n, n - 1)) {
        break;
      }
    }
    if (queued > 0) {
      grantFree();
    }
  }

  /** Slots held now. */
  public int inUse() {
    return inUse.get();
  }

  /** Requests waiting now. */
  public int queued() {
    return queued;
  }

  private boolean acquire() {
    while (true) {
      int n = inUse.get();
      if (n >= max) {
        return false;
      }
      if (inUse.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Hands free slots to waiters in order, one at a time, running each task outside the lock. */
  private void grantFree() {
    while (true) {
      QueuedWaiter next;
      synchronized (lock) {
        if (queue.isEmpty() || !acquire()) {
          return;
        }
        next = queue.pollFirst();
        next.state = State.GRANTED;
        queued = queue.size();
      }
      next.timeout.cancel();
      run(next.granted, "granted");
    }
  }

  private void timeOut(QueuedWaiter waiter) {
    synchronized (lock) {
      if (waiter.state != State.WAITING) {
        return;
      }
      waiter.state = State.TIMED_OUT;
      queue.remove(waiter);
      queued = queue.size();
    }
    run(waiter.timedOut, "timed-out");
  }

  private boolean cancel(QueuedWaiter waiter) {
    synchronized (lock) {
      if (waiter.state != State.WAITING) {
        return false;
      }
      waiter.state = State.CANCELLED;
      queue.remove(waiter);
      queued = queue.size();
    }
    waiter.timeout.cancel();
    return true;
  }

  private static void run(Runnable task, String what) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // Other waiters are granted after this one: a failing task must not strand them.
      log.error("A queued request's {} task failed", what, e);
    }
  }

  /** A request waiting for a slot. */
  public interface Waiter {
    /** Leaves the queue (the client went away); true if it was still waiting, so that neither task will run. */
    boolean cancel();
  }

  private enum State { WAITING, GRANTED, TIMED_OUT, CANCELLED }

  private final class QueuedWaiter implements Waiter {
    final Runnable granted;
    final Runnable timedOut;
    /** Set before the waiter is queued and read only after, under or after the lock. */
    Scheduler.Cancellable timeout;
    /** Guarded by lock. */
    State state = State.WAITING;

    QueuedWaiter(Runnable granted, Runnable timedOut) {
      this.granted = granted;
      this.timedOut = timedOut;
    }

    @Override
    public boolean cancel() {
      return ServerSlots.this.cancel(this);
    }
  }
}
