package tether.proxy.config;

import java.util.Set;

/**
 * Maps a pool's {@code queue} object, the limit of concurrent requests per server. Every key is
 * optional: defaults are those of {@link QueueConfig#UNLIMITED}.
 */
final class QueueMapper {

  static final Set<String> QUEUE_KEYS = Set.of("max-concurrent", "size", "timeout");

  private QueueMapper() {}

  /** The pool's limit; after a problem, the default stands in for the bad value. */
  static QueueConfig map(Section queue) {
    QueueConfig defaults = QueueConfig.UNLIMITED;
    return new QueueConfig(
        PoolReads.integer(queue, "max-concurrent", 0, Integer.MAX_VALUE, defaults.maxConcurrent()),
        PoolReads.integer(queue, "size", 0, Integer.MAX_VALUE, defaults.queueSize()),
        PoolReads.duration(queue, "timeout", defaults.queueTimeout()));
  }
}
