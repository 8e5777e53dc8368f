/**
 * Counters and timers, kept in one Dropwizard {@code MetricRegistry} per process. Start at
 * {@link tether.proxy.metrics.ServerMetrics}.
 */
package tether.proxy.metrics;
