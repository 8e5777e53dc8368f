package tether.proxy.pool;

/** What a server asks for itself through its health check's control header. */
public enum AgentState {
  /** Nothing asked: the operator's state stands. */
  READY,
  /** No new sessions, as a drain. */
  DRAIN,
  /** Nothing at all, as maintenance. */
  MAINTENANCE
}
