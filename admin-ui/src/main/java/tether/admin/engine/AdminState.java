package tether.admin.engine;

/** What the operator wants of a server, independent of its {@link Health}. */
public enum AdminState {
  /** New and existing sessions. */
  ACTIVE,
  /** Existing sessions only, until none is left. */
  DRAINING,
  /** No traffic at all. */
  MAINTENANCE
}
