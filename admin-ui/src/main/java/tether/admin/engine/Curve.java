package tether.admin.engine;

/** How a ramp moves the weight over its duration. */
public enum Curve {
  /** The same step every moment. */
  LINEAR,
  /** Slowly at first, fast at the end: cautious with a cold server. */
  EASE_IN,
  /** Fast at first, slowly at the end. */
  EASE_OUT
}
