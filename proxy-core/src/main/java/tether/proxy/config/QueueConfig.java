package tether.proxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit of concurrent requests per server of a pool, with a bounded queue for the requests over it.
 *
 * @param maxConcurrent requests one server takes at once; 0 means no limit (and no queue)
 * @param queueSize     requests that may wait for a slot of one server; 0 answers 503 at once when it is full
 * @param queueTimeout  a request waits this long at most, then is answered 503
 */
public record QueueConfig(int maxConcurrent, int queueSize, Duration queueTimeout) {

  public static final int DEFAULT_QUEUE_SIZE = 100;
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);

  /** No limit: what a pool that configures nothing gets. */
  public static final QueueConfig UNLIMITED = new QueueConfig(0, DEFAULT_QUEUE_SIZE, DEFAULT_QUEUE_TIMEOUT);

  public QueueConfig {
    Objects.requireNonNull(queueTimeout, "queueTimeout");
    if (maxConcurrent < 0) {
      throw new IllegalArgumentException("maxConcurrent: " + maxConcurrent + " (expected: >= 0)");
    }
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize: " + queueSize + " (expected: >= 0)");
    }
    if (queueTimeout.isNegative() || queueTimeout.isZero()) {
      throw new IllegalArgumentException("queueTimeout: " + queueTimeout + " (expected: > 0)");
    }
  }

  public boolean limited() {
    return maxConcurrent > 0;
  }
}
