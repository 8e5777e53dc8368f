package tether.proxy.balance;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * Choosing a server by smooth weighted round robin, on pools of several sizes with uneven weights. Run with
 * {@code mvn -pl proxy-core test-compile exec:exec@jmh -Djmh.args="Pick -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PickBenchmark {

  @Param({"3", "50"})
  public int servers;

  private Balancer balancer;

  @Setup
  public void setUp() {
    MetricRegistry registry = new MetricRegistry();
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      int weight = 1 + (i * 7) % 10;
      list.add(new Server("s" + i, new HostPort("127.0.0.1", 9000 + i), weight, new ServerMetrics(registry, "p", "s" + i)));
    }
    balancer = BalancerFactory.of(BalancerKind.WEIGHTED_ROUND_ROBIN).create(list);
  }

  @Benchmark
  public Server pick() {
    return balancer.pick(s -> true);
  }
}
