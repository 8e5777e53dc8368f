package tether.proxy.testing;

import java.time.Duration;
import java.util.PriorityQueue;
import tether.proxy.clock.Scheduler;

/**
 * A scheduler whose time moves only in {@link #advance}: due tasks run on the calling thread, in time
 * order, each seeing {@link #nanoTime()} at its own due time. Thread-safe, so that code under test may
 * schedule from other threads.
 */
public final class ManualScheduler implements Scheduler {

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long sequence;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualScheduler.this) {
        tasks.remove(t);
      }
    };
  }

  /** Moves time forward by {@code step}, running every task that falls due on the way. */
  public void advance(Duration step) {
    long end;
    synchronized (this) {
      end = now + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > end) {
          now = end;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.due);
      }
      next.run.run();
    }
  }

  /** Runs the tasks due now without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Tasks waiting to run. */
  public synchronized int pending() {
    return tasks.size();
  }

  private record Task(long due, long order, Runnable run) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }
}
