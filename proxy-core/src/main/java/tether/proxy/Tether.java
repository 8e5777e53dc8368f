package tether.proxy;

import com.codahale.metrics.MetricRegistry;
import io.undertow.server.handlers.HttpContinueReadHandler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.proxy.balance.BalancerFactory;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.ServerConfig;
import tether.proxy.config.TetherConfig;
import tether.proxy.forward.BackendClient;
import tether.proxy.forward.Forwarder;
import tether.proxy.forward.PoolTarget;
import tether.routing.Action;
import tether.routing.RouteTable;
import tether.routing.RouteTableException;
import tether.routing.RouteTableHolder;
import tether.routing.RuleSpec;
import tether.proxy.forward.ProxyHandler;
import tether.proxy.frontend.Frontend;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Pool;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.pool.Server;
import tether.proxy.pool.Health;
import tether.proxy.pool.ServerSlots;
import tether.proxy.clock.Scheduler;
import tether.proxy.clock.SystemScheduler;
import tether.proxy.config.SlowStartConfig;

/** A running proxy: everything one configuration describes, started together and stopped together. */
public final class Tether implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tether.class);

  private final TetherConfig config;
  private final MetricRegistry metrics;
  private final Map<String, PoolRuntime> pools;
  private final SystemScheduler scheduler;
  private final AdminPlane admin;
  private final RouteTableHolder routes;
  private final HttpClient client;
  private final Frontend frontend;

  private Tether(
      TetherConfig config,
      MetricRegistry metrics,
      Map<String, PoolRuntime> pools,
      RouteTableHolder routes,
      HttpClient client,
      Frontend frontend,
      SystemScheduler scheduler,
      AdminPlane admin) {
    this.config = config;
    this.metrics = metrics;
    this.pools = pools;
    this.routes = routes;
    this.client = client;
    this.frontend = frontend;
    this.scheduler = scheduler;
    this.admin = admin;
  }

  /** Starts listening; fails without leaving anything running. */
  public static Tether start(TetherConfig config) throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    SystemScheduler scheduler = new SystemScheduler("tether-timer");
    Map<String, PoolRuntime> runtimes = new LinkedHashMap<>();
    Map<String, PoolTarget> pools = new LinkedHashMap<>();
    HttpClient client = null;
    AdminPlane admin = null;
    try {
      for (PoolConfig pool : config.pools().values()) {
        PoolRuntime runtime = PoolRuntime.start(pool, config.keys(), metrics, scheduler);
        runtimes.put(pool.name(), runtime);
        pools.put(pool.name(), runtime.target());
      }
      client = BackendClient.start(config.backend());
      Forwarder forwarder =
          new Forwarder(
              client, config.backend(), config.forwarded(), config.frontend().maxBodyBytes());
      RouteTableHolder routes = new RouteTableHolder(compile(config.routes(), pools.keySet()));
      // Runtime changes are back in place before the first request is taken.
      admin = AdminPlane.prepare(config.admin(), runtimes, config.pools(), () -> routes.current().rules(),
          rules -> routes.replace(compile(rules, pools.keySet())), scheduler);
      ProxyHandler proxy =
          new ProxyHandler(routes, pools, forwarder, config.frontend().maxBodyBytes(), metrics);
      // Answers "Expect: 100-continue" itself the moment the body is first read.
      Frontend frontend =
          Frontend.start(config.listen(), config.frontend(), new HttpContinueReadHandler(proxy));
      admin = admin.listen(config.admin());
      Tether tether = new Tether(config, metrics, runtimes, routes, client, frontend, scheduler, admin);
      log.info("Tether listening on {}", frontend.boundAddresses());
      return tether;
    } catch (Exception | Error e) {
      if (admin != null) {
        admin.close();
      }
      runtimes.values().forEach(PoolRuntime::close);
      scheduler.close();
      if (client != null) {
        client.stop();
      }
      throw e;
    }
  }

  /**
   * Replaces the routing rules. The new list is validated whole first; on any error nothing changes and
   * the exception lists every error, each naming its rule. Requests already routed keep their route.
   *
   * @throws RouteTableException when a rule is invalid or names a pool that does not exist
   */
  public void replaceRoutes(List<RuleSpec> rules) {
    routes.replace(compile(rules, pools.keySet()));
  }

  /** The rules in force. */
  public List<RuleSpec> routes() {
    return routes.current().rules();
  }

  private static RouteTable compile(List<RuleSpec> rules, Set<String> pools) {
    List<String> errors = new ArrayList<>();
    RouteTable table = null;
    try {
      table = RouteTable.compile(rules);
    } catch (RouteTableException e) {
      errors.addAll(e.errors());
    }
    for (int i = 0; i < rules.size(); i++) {
      for (String pool : poolsOf(rules.get(i).action())) {
        if (!pools.contains(pool)) {
          String name = rules.get(i).name();
          errors.add("rule " + i + (name == null ? "" : " (" + name + ")") + ": pool: " + pool + " (expected: one of " + pools + ")");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RouteTableException(errors);
    }
    return table;
  }

  private static List<String> poolsOf(Action action) {
    if (action instanceof Action.Forward forward) {
      return List.of(forward.pool());
    }
    if (action instanceof Action.Split split) {
      return split.shares().stream().map(Action.Share::pool).toList();
    }
    if (action instanceof Action.Redirect redirect && redirect.pool() != null) {
      return List.of(redirect.pool());
    }
    return List.of();
  }

  /** The admin listener's port, or -1 when the admin plane has no listener. */
  public int adminPort() {
    return admin.port();
  }

  /** The engine behind the admin plane. */
  public tether.proxy.admin.TetherEngine engine() {
    return admin.engine();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** The pool of that name, or {@code null}. */
  public Pool pool(String name) {
    PoolRuntime runtime = pools.get(name);
    return runtime == null ? null : runtime.pool();
  }

  /** The affinity of the pool of that name, or {@code null} when it has none or no such pool exists. */
  public PoolAffinity affinity(String name) {
    PoolRuntime runtime = pools.get(name);
    return runtime == null ? null : runtime.target().affinity();
  }

  /** The addresses actually bound, in the order of {@code listen}; useful when a port was 0. */
  public List<InetSocketAddress> addresses() {
    return frontend.boundAddresses();
  }

  /**
   * Stops accepting connections, lets exchanges in flight finish within {@code grace}, then closes
   * everything. Returns whether every exchange finished in time.
   */
  public boolean shutdown(Duration grace) {
    admin.close();
    boolean clean = frontend.shutdown(grace);
    pools.values().forEach(PoolRuntime::close);
    scheduler.close();
    try {
      client.stop();
    } catch (Exception e) {
      log.warn("Stopping the server-side client failed", e);
    }
    return clean;
  }

  /** Shuts down with the configured grace period. */
  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }
}
