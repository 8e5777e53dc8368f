package tether.proxy.balance;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import tether.proxy.config.HostPort;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Health;
import tether.proxy.pool.Server;
import tether.proxy.pool.ServerSlots;

/** Servers with their own metrics on a given clock, for balancer tests; effective weights as in a pool. */
final class TestServers {

  private final MetricRegistry registry = new MetricRegistry();
  private final LongSupplier clock;
  private int port = 9000;

  TestServers() {
    this(() -> 0L);
  }

  TestServers(LongSupplier clock) {
    this.clock = clock;
  }

  /** One server per weight, named a, b, c... in order. */
  List<Server> weighted(int... weights) {
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      servers.add(server(String.valueOf((char) ('a' + i)), weights[i]));
    }
    return servers;
  }

  /** A server at its full configured weight. */
  Server server(String id, int weight) {
    return server(id, weight, weight * Server.WEIGHT_SCALE);
  }

  /** @param effectiveWeight in hundredths of a configured weight, as a ramp would set it */
  Server server(String id, int weight, int effectiveWeight) {
    return new Server(id, new HostPort("127.0.0.1", port++), id, weight, effectiveWeight, AdminState.ACTIVE,
        null, new ServerMetrics(registry, "p", id, clock), Health.UP, ServerSlots.UNLIMITED);
  }
}
