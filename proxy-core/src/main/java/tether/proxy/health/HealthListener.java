package tether.proxy.health;

/**
 * Hears what the checks of one pool find. Called from the checker's threads (and, for servers that
 * start down, from the caller of {@link HealthChecker#track}), one call at a time per server and never
 * under a lock of the checker's; implementations must be quick and must not block.
 */
public interface HealthListener {

  /**
   * A server's health changed: it fell, or rose, or (when the checks start it down) it was just
   * tracked and is down until its first check passes.
   */
  void healthChanged(String serverId, boolean up, String reason);

  /** A check response carried a directive that differs from the last one this server sent. */
  void directive(String serverId, Directive directive);
}
