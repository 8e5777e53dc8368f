package tether.proxy.pool;

/** What the operator allows a server to take. Health, when it exists, is separate from this. */
public enum AdminState {
  /** New sessions and the sessions pinned to it. */
  ACTIVE,
  /** Only the sessions already pinned to it, so that they can end before it is removed. */
  DRAINING,
  /** Nothing: pinned sessions are redispatched or refused by the pool's affinity policy. */
  MAINTENANCE;

  public boolean acceptsNewSessions() {
    return this == ACTIVE;
  }

  public boolean acceptsPinnedSessions() {
    return this != MAINTENANCE;
  }
}
