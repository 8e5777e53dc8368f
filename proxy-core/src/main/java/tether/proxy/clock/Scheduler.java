package tether.proxy.clock;

/**
 * Time and timers for everything that acts later: health checks, ejection back-off, weight ramps, queue
 * time-outs. Tests pass a manual scheduler whose time moves only when the test says so.
 */
public interface Scheduler {

  /** Monotonic time in nanoseconds, comparable only with other readings of the same scheduler. */
  long nanoTime();

  /**
   * Runs {@code task} once, {@code delayNanos} from now (at once when not positive), on a thread of the
   * scheduler's. Tasks must be short and must not block.
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the task from running if it has not started; harmless when it has run or was cancelled. */
    void cancel();
  }
}
