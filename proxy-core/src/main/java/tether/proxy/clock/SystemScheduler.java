package tether.proxy.clock;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of a running proxy: {@link System#nanoTime()} and one daemon timer thread. Tasks are short
 * (they start a check or publish a snapshot), so one thread serves every pool.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

  private final ScheduledThreadPoolExecutor executor;

  public SystemScheduler(String threadName) {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    // Cancelled tasks (a queue time-out that was not needed) would otherwise stay queued until due.
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            // A failing task must not kill the one timer thread every pool shares.
            log.error("A scheduled task failed", e);
          }
        };
    try {
      ScheduledFuture<?> future = executor.schedule(guarded, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: nothing scheduled now would be wanted.
      return () -> {};
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
