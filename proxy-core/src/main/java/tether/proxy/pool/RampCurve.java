package tether.proxy.pool;

/** How a weight moves between two values over a ramp's duration. */
public enum RampCurve {
  /** Even steps. */
  LINEAR("linear"),
  /** Slow at first, fast at the end: a cold server sees little load while its caches fill. */
  EASE_IN("ease-in"),
  /** Fast at first, slow at the end. */
  EASE_OUT("ease-out");

  private final String configName;

  RampCurve(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** The share of the way done at {@code t}, the share of the time gone, both in 0..1. */
  public double at(double t) {
    double x = Math.max(0, Math.min(1, t));
    return switch (this) {
      case LINEAR -> x;
      case EASE_IN -> x * x;
      case EASE_OUT -> 1 - (1 - x) * (1 - x);
    };
  }

  /** The curve with that config name, or {@code null}. */
  public static RampCurve named(String name) {
    for (RampCurve c : values()) {
      if (c.configName.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
