package tether.admin.engine;

/** A server setting an operator can override at run time, and later hand back to the configuration. */
public enum Setting {
  WEIGHT,
  /** The admin state: draining or maintenance set at run time. */
  STATE
}
