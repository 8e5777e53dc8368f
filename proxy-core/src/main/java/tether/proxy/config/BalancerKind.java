package tether.proxy.config;

/** The balancing algorithms a pool may name in {@code balancer}. */
public enum BalancerKind {
  WEIGHTED_ROUND_ROBIN("weighted-round-robin"),
  RANDOM("random"),
  POWER_OF_TWO_CHOICES("power-of-two-choices"),
  PEAK_EWMA("peak-ewma"),
  LEAST_SESSIONS("least-sessions"),
  CONSISTENT_HASH("consistent-hash");

  private final String configName;

  BalancerKind(String configName) {
    this.configName = configName;
  }

  /** The name written in HOCON. */
  public String configName() {
    return configName;
  }
}
