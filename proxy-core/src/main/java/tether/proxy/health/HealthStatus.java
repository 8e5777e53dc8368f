package tether.proxy.health;

/**
 * One server's checks, for display.
 *
 * @param up                  its health now
 * @param consecutivePasses   passes since the last failure
 * @param consecutiveFailures failures since the last pass
 * @param lastResult          what the last check found, or null before the first result
 * @param lastCheckNanos      when that result arrived, in the scheduler's nanoTime; 0 before the first
 */
public record HealthStatus(
    boolean up, int consecutivePasses, int consecutiveFailures, String lastResult, long lastCheckNanos) {}
