package tether.proxy.backend;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Runs the idle checks of one server connection on its I/O thread's timer.
 *
 * <p>Jetty's own idle timeout cancels its check and schedules a new one whenever the timeout gets
 * shorter, and Jetty shortens it at the start of every exchange (the response timeout is shorter than the
 * pool's idle timeout): two operations per request on a timer queue and lock that every I/O thread
 * shares. Here a pending check is moved only when it would come too late for the new timeout. A check
 * that comes early finds how much idle time is left and comes back then, as Jetty's does, so a long
 * timeout still ends on time and a short one is never missed.
 */
final class IdleChecks {

  private final XnioIoThread thread;
  // Runs the connection's own check: the delay until the next check in milliseconds, or <= 0 for none.
  private final LongSupplier check;
  private XnioExecutor.Key pending;
  private long pendingAt;
  private long pendingDelay;
  private boolean stopped;

  IdleChecks(XnioIoThread thread, LongSupplier check) {
    this.thread = thread;
    this.check = check;
  }

  /** Makes sure the connection is checked no later than {@code timeoutMillis} from now; <= 0 asks for nothing. */
  synchronized void within(long timeoutMillis) {
    if (timeoutMillis <= 0 || stopped) {
      return;
    }
    // A pending check asked for with a delay no longer than this one is due no later: no clock needed.
    // This is the path of nearly every request.
    if (pending != null && timeoutMillis >= pendingDelay) {
      return;
    }
    long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    if (pending != null) {
      // A check already taken off the timer to run comes at once, and goes by the timeout set now.
      if (at - pendingAt >= 0 || !pending.remove()) {
        return;
      }
      pending = null;
    }
    try {
      pending = thread.executeAfter(this::run, timeoutMillis, TimeUnit.MILLISECONDS);
      pendingAt = at;
      pendingDelay = timeoutMillis;
    } catch (RejectedExecutionException e) {
      // The I/O thread is stopping and closes its connections itself; there is nothing left to check.
    }
  }

  /** No more checks: the connection is closed. */
  synchronized void stop() {
    stopped = true;
    if (pending != null) {
      pending.remove();
      pending = null;
    }
  }

  private void run() {
    synchronized (this) {
      pending = null;
      if (stopped) {
        return;
      }
    }
    // Outside the lock: an expired check closes the connection, which stops these checks.
    within(check.getAsLong());
  }
}
