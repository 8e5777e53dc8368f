package tether.proxy.balance;

import tether.proxy.pool.Server;

/** The orders {@link TwoChoices} compares candidates by: cheaper first. */
final class LoadCosts {

  private LoadCosts() {}

  /** Outstanding requests per unit of weight, counting the one being placed: {@code (inFlight + 1) / weight}. */
  static int outstanding(Server a, Server b) {
    // Cross-multiplied to stay in exact integer arithmetic.
    return Long.compare(
        (a.metrics().inFlight() + 1) * b.effectiveWeight(), (b.metrics().inFlight() + 1) * a.effectiveWeight());
  }

  /**
   * Peak-EWMA latency times outstanding requests per unit of weight: the expected wait for a request
   * placed there, scaled by capacity.
   *
   * <p>A server without an estimate (new, or idle for many windows) borrows the other candidate's, so it
   * competes on outstanding requests alone. A latency of zero would instead send it every pick until its
   * first response came back; a pessimistic default would keep a new server from ever being tried.
   */
  static int peakEwma(Server a, Server b) {
    double latencyA = a.metrics().peakEwma().nanos();
    double latencyB = b.metrics().peakEwma().nanos();
    if (latencyA <= 0) {
      latencyA = latencyB > 0 ? latencyB : 1;
    }
    if (latencyB <= 0) {
      latencyB = latencyA;
    }
    double costA = latencyA * (a.metrics().inFlight() + 1) / a.effectiveWeight();
    double costB = latencyB * (b.metrics().inFlight() + 1) / b.effectiveWeight();
    return Double.compare(costA, costB);
  }
}
