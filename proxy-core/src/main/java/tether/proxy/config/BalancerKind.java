package tether.proxy.config;

/** The balancing algorithms a pool may name in {@code balancer}. */
public enum BalancerKind {
  WEIGHTED_ROUND_ROBIN("weighted-round-robin");

  private final String configName;

  BalancerKind(String configName) {
    this.configName = configName;
  }

  /** The name written in HOCON. */
  public String configName() {
    return configName;
  }
}
