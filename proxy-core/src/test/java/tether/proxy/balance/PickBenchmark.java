package tether.proxy.balance;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tether.proxy.config.BalancerKind;
import tether.proxy.config.HostPort;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.Server;
import tether.stickiness.SessionTable;

/**
 * Choosing a server with each algorithm, on pools of several sizes with uneven weights, some requests in
 * flight, latency estimates and live sessions in a real session table. Run with
 * {@code mvn -pl proxy-core test-compile exec:exec@jmh -Djmh.args="Pick -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PickBenchmark {

  private static final Predicate<Server> ANY = s -> true;

  @Param({"4", "50"})
  public int servers;

  @Param({
    "WEIGHTED_ROUND_ROBIN", "RANDOM", "POWER_OF_TWO_CHOICES", "PEAK_EWMA", "LEAST_SESSIONS", "CONSISTENT_HASH"
  })
  public BalancerKind kind;

  private Balancer balancer;
  private long hash;

  @Setup
  public void setUp() {
    MetricRegistry registry = new MetricRegistry();
    SessionTable<Integer> sessions = new SessionTable<>(Duration.ofHours(1), 100_000, System::nanoTime);
    List<Server> list = new ArrayList<>();
    int session = 0;
    for (int i = 0; i < servers; i++) {
      int weight = 1 + (i * 7) % 10;
      Server server =
          new Server("s" + i, new HostPort("127.0.0.1", 9000 + i), weight, new ServerMetrics(registry, "p", "s" + i));
      for (int r = 0; r < i % 3; r++) {
        server.metrics().started();
      }
      server.metrics().started();
      server.metrics().finished(1_000_000L * (1 + i % 5));
      for (int s = 0; s < 10 * weight; s++) {
        sessions.pin(session++, server.id());
      }
      list.add(server);
    }
    BalancerContext context = new BalancerContext(BalancerContext.DEFAULT.random(), sessions, 1.25);
    balancer = BalancerFactory.of(kind, context).create(list);
  }

  @Benchmark
  public Server pick() {
    // A new well-mixed hash per pick, as distinct clients would bring (SplitMix64 step).
    long z = (hash += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return balancer.pick(ANY, z ^ (z >>> 31));
  }
}
