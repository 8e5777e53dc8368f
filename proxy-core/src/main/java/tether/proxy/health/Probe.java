package tether.proxy.health;

import java.util.concurrent.CompletableFuture;

/**
 * Performs one check. The returned future must always complete, time-outs included; completing it
 * exceptionally, or throwing, counts as a failed check. {@code check} is called on the scheduler's
 * thread and must not block it.
 */
public interface Probe extends AutoCloseable {

  CompletableFuture<CheckResult> check(CheckTarget target);

  /** Releases what the probe holds (an HTTP client's connections and threads); nothing by default. */
  @Override
  default void close() {}
}
