package tether.proxy.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The figures of one server, registered under {@code tether.pool.POOL.server.ID.*}: requests, in-flight,
 * errors by kind, latency (from the request being ready to send, which it is at the end of the I/O
 * thread's current turn, to the end of the response), bytes each way, requests that failed here and
 * were retried elsewhere, and requests sent here again because a pooled connection had gone stale.
 */
public final class ServerMetrics {

  private final Meter requests;
  private final Counter inFlight;
  private final Timer latency;
  private final Counter bytesToServer;
  private final Counter bytesToClient;
  private final Map<ErrorKind, Meter> errors = new EnumMap<>(ErrorKind.class);
  private final PeakEwma peakEwma;
  private final Meter retries;
  private final Meter staleResends;

  public ServerMetrics(MetricRegistry registry, String pool, String server) {
    this(registry, pool, server, System::nanoTime);
  }

  /** @param nanoClock the time the latency estimate for balancing decays by */
  public ServerMetrics(MetricRegistry registry, String pool, String server, LongSupplier nanoClock) {
    this.peakEwma = new PeakEwma(nanoClock);
    String base = MetricRegistry.name("tether.pool", pool, "server", server);
    this.requests = registry.meter(base + ".requests");
    this.inFlight = registry.counter(base + ".in-flight");
    this.latency =
        registry.timer(
            base + ".latency",
            () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
    this.bytesToServer = registry.counter(base + ".bytes-to-server");
    this.bytesToClient = registry.counter(base + ".bytes-to-client");
    this.retries = registry.meter(base + ".retries");
    this.staleResends = registry.meter(base + ".stale-resends");
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind, registry.meter(base + ".errors." + kind.metricName()));
    }
  }

  /** Counts a request sent to this server; pair with {@link #finished}. */
  public void started() {
    requests.mark();
    inFlight.inc();
  }

  /** Ends a request that {@link #started}, successfully or not. */
  public void finished(long elapsedNanos) {
    inFlight.dec();
    latency.update(elapsedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    peakEwma.observe(elapsedNanos);
  }

  /** Counts a request that failed here and was sent to another server. */
  public void retried() {
    retries.mark();
  }

  public long retries() {
    return retries.getCount();
  }

  /**
   * Counts a request sent again to this server on another connection because the pooled one broke
   * before any response: the server had closed it while idle. Many of them say the server's keep-alive
   * timeout is shorter than the pool's idle timeout.
   */
  public void resentOnStale() {
    staleResends.mark();
  }

  public void error(ErrorKind kind) {
    errors.get(kind).mark();
  }

  public void bytesToServer(long n) {
    bytesToServer.inc(n);
  }

  public void bytesToClient(long n) {
    bytesToClient.inc(n);
  }

  public long inFlight() {
    return inFlight.getCount();
  }

  public long requests() {
    return requests.getCount();
  }

  /** Requests a second, averaged over the last minute. */
  public double requestRate() {
    return requests.getOneMinuteRate();
  }

  /** Errors of every kind a second, averaged over the last minute. */
  public double errorRate() {
    double rate = 0;
    for (Meter m : errors.values()) {
      rate += m.getOneMinuteRate();
    }
    return rate;
  }

  public long errors(ErrorKind kind) {
    return errors.get(kind).getCount();
  }

  public long bytesToServer() {
    return bytesToServer.getCount();
  }

  public long bytesToClient() {
    return bytesToClient.getCount();
  }

  public Timer latency() {
    return latency;
  }

  /** The peak-sensitive latency estimate the peak-EWMA balancer reads. */
  public PeakEwma peakEwma() {
    return peakEwma;
  }
}
