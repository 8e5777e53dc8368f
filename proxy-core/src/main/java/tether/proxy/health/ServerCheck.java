package tether.proxy.health;

import tether.proxy.clock.Scheduler;
import tether.proxy.config.HealthCheckConfig;

/**
 * The health of one tracked server, counted from its check results: {@code fall} consecutive failures
 * bring it down, {@code rise} consecutive passes bring it back. Not thread-safe: the checker holds its
 * lock around every call.
 */
final class ServerCheck {

  /** What one result changed: a new health (or null), why, and a new directive (or null). */
  record Change(Boolean up, String reason, Directive directive) {

    boolean isEmpty() {
      return up == null && directive == null;
    }
  }

  private final CheckTarget target;
  private final int rise;
  private final int fall;
  private boolean up;
  /** Started down and never passed yet: one pass is then enough, there being no flapping to damp. */
  private boolean awaitingFirstPass;
  private int passes;
  private int failures;
  private Directive lastDirective;
  private String lastResult;
  private long lastCheckNanos;

  /** Set once the server is no longer tracked (or the checker closed): its results are ignored. */
  boolean stopped;
  /** The next check, while one is waiting to run. */
  Scheduler.Cancellable next;

  ServerCheck(CheckTarget target, HealthCheckConfig config) {
    this.target = target;
    this.rise = config.rise();
    this.fall = config.fall();
    this.up = config.start() == HealthCheckConfig.Start.UP;
    this.awaitingFirstPass = !up;
  }

  CheckTarget target() {
    return target;
  }

  boolean isUp() {
    return up;
  }

  /** Whether its health is on its way to changing, when checks come at the fast interval. */
  boolean changing() {
    return up ? failures > 0 : passes > 0;
  }

  Change record(CheckResult result, long nanos) {
    lastResult = result.detail();
    lastCheckNanos = nanos;
    Directive directive = null;
    if (result.directive() != null && !result.directive().equals(lastDirective)) {
      lastDirective = result.directive();
      directive = lastDirective;
    }
    Boolean changedTo = null;
    String reason = null;
    if (result.passed()) {
      passes = increment(passes);
      failures = 0;
      if (!up && (awaitingFirstPass || passes >= rise)) {
        up = true;
        changedTo = true;
        reason = (awaitingFirstPass ? "first check passed" : passes + " checks passed") + ": " + result.detail();
      }
      awaitingFirstPass = false;
    } else {
      failures = increment(failures);
      passes = 0;
      if (up && failures >= fall) {
        up = false;
        changedTo = false;
        reason = failures + (failures == 1 ? " check failed" : " checks failed") + ": " + result.detail();
      }
    }
    return new Change(changedTo, reason, directive);
  }

  HealthStatus status() {
    return new HealthStatus(up, passes, failures, lastResult, lastCheckNanos);
  }

  void stop() {
    stopped = true;
    if (next != null) {
      next.cancel();
      next = null;
    }
  }

  /** Counts up without wrapping, for a server checked often for a very long time. */
  private static int increment(int count) {
    return count == Integer.MAX_VALUE ? count : count + 1;
  }
}
