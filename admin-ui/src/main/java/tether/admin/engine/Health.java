package tether.admin.engine;

/** What the health checks and passive ejection think of a server. */
public enum Health {
  UP,
  DOWN,
  /** Taken out for a while after failing live requests. */
  EJECTED,
  /** No health check is configured, or none has finished yet. */
  UNCHECKED
}
