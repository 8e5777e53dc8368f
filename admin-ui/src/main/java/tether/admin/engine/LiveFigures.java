package tether.admin.engine;

/**
 * What a server is doing now. Rates are one-minute moving averages; latencies are in milliseconds
 * over the same window, and 0 when there were no requests.
 */
public record LiveFigures(
    int inFlight,
    double requestsPerSecond,
    double p50Millis,
    double p99Millis,
    double errorsPerSecond,
    int liveSessions) {

  public static final LiveFigures IDLE = new LiveFigures(0, 0, 0, 0, 0, 0);
}
