package tether.proxy.forward;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.function.LongSupplier;
import tether.proxy.config.RetryConfig;
import tether.proxy.pool.RetryBudget;

/**
 * When an exchange may go to another server. A failed connect is always tried elsewhere: nothing was
 * sent. Anything else is a replay, and is allowed only for idempotent methods (RFC 9110), only on the
 * failures the pool names, and only within the pool's retry budget, so that retries cannot multiply the
 * load on a pool that is already struggling.
 */
final class RetryPolicy {

  private final RetryConfig config;
  private final RetryBudget budget;

  RetryPolicy(RetryConfig config, LongSupplier nanoClock) {
    this.config = config;
    this.budget = new RetryBudget(config.budgetRatio(), config.budgetMinPerSecond(), nanoClock);
  }

  /** Tries per request in all. */
  int attempts() {
    return config.attempts();
  }

  /** Counts a first attempt, which is what the budget's ratio is a share of. */
  void firstAttempt() {
    budget.request();
  }

  static boolean idempotent(HttpString method) {
    return method.equals(Methods.GET)
        || method.equals(Methods.HEAD)
        || method.equals(Methods.OPTIONS)
        || method.equals(Methods.PUT)
        || method.equals(Methods.DELETE)
        || method.equals(Methods.TRACE);
  }

  /** Whether a request that reached a server and failed this way may be sent to another. */
  boolean mayReplay(Failure failure, boolean idempotent) {
    if (!idempotent) {
      return false;
    }
    boolean named =
        failure == Failure.RESPONSE_TIMEOUT ? config.retriesTimeout()
            : failure == Failure.SERVER_BROKE && config.retriesReset();
    return named && budget.tryRetry();
  }

  /** Whether a response with this status is dropped and the request sent to another server. */
  boolean mayReplayStatus(int status, boolean idempotent) {
    return idempotent && config.retriesStatus(status) && budget.tryRetry();
  }
}
