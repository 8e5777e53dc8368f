package tether.proxy.config;

import java.util.Objects;
import java.util.Set;

/**
 * When a pool tries a request again on another server, and how much extra load that may add.
 *
 * @param attempts           tries per request in all, the first included; 1 never retries
 * @param on                 the failures retried besides a failed connect, which always is (nothing was sent)
 * @param budgetRatio        retries add at most this share to the pool's requests of the last ten seconds
 * @param budgetMinPerSecond this many retries a second are allowed whatever the ratio, so a quiet pool retries too
 */
public record RetryConfig(int attempts, On on, double budgetRatio, int budgetMinPerSecond) {

  public static final int DEFAULT_ATTEMPTS = 3;
  public static final int MAX_ATTEMPTS = 10;
  public static final double DEFAULT_BUDGET_RATIO = 0.2;
  public static final int DEFAULT_BUDGET_MIN_PER_SECOND = 10;

  /**
   * What a pool that configures nothing gets: three tries, on failed connects and on connections that
   * broke before any response. The second is the race every keep-alive pool has: a server closes an
   * idle connection just as a request is written to it. Only idempotent requests are ever replayed.
   */
  public static final RetryConfig DEFAULTS =
      new RetryConfig(DEFAULT_ATTEMPTS, On.DEFAULT, DEFAULT_BUDGET_RATIO, DEFAULT_BUDGET_MIN_PER_SECOND);

  public RetryConfig {
    Objects.requireNonNull(on, "on");
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("attempts: " + attempts + " (expected: 1.." + MAX_ATTEMPTS + ")");
    }
    // Written so that NaN fails too.
    if (!(budgetRatio >= 0.0 && budgetRatio <= 1.0)) {
      throw new IllegalArgumentException("budgetRatio: " + budgetRatio + " (expected: 0..1)");
    }
    if (budgetMinPerSecond < 0) {
      throw new IllegalArgumentException("budgetMinPerSecond: " + budgetMinPerSecond + " (expected: >= 0)");
    }
  }

  /** Whether a request may be tried more than once. */
  public boolean enabled() {
    return attempts > 1;
  }

  /** Whether a response with {@code status} is tried again on another server. */
  public boolean retriesStatus(int status) {
    return Statuses.isServerError(status) && on.statuses().contains(status);
  }

  /** Whether a server that did not answer in time is tried again on another. */
  public boolean retriesTimeout() {
    return on.timeout();
  }

  /** Whether a connection that broke before the response headers is tried again on another server. */
  public boolean retriesReset() {
    return on.reset();
  }

  /**
   * The failures retried besides a failed connect.
   *
   * @param timeout  no response headers in time
   * @param reset    the connection broke before the response headers
   * @param statuses responses with these statuses (500..599)
   */
  public record On(boolean timeout, boolean reset, Set<Integer> statuses) {

    /** Only failed connects, which are always retried. */
    public static final On CONNECT_ONLY = new On(false, false, Set.of());

    /** Failed connects and broken connections. */
    public static final On DEFAULT = new On(false, true, Set.of());

    public On {
      statuses = Statuses.serverErrors("statuses", statuses);
    }
  }
}
