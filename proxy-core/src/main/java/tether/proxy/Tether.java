package tether.proxy;

import com.codahale.metrics.MetricRegistry;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.ReloadReport;
import tether.proxy.admin.ReloadSource;
import tether.proxy.admin.TetherEngine;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.clock.SystemScheduler;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.TetherConfig;
import tether.proxy.forward.BackendClient;
import tether.proxy.forward.Forwarder;
import tether.proxy.forward.ProxyHandler;
import tether.proxy.frontend.Frontend;
import tether.proxy.pool.Pool;
import tether.routing.RouteTableException;
import tether.routing.RouteTableHolder;
import tether.routing.RuleSpec;

/** A running proxy: everything one configuration describes, started together and stopped together. */
public final class Tether implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tether.class);

  private final TetherConfig config;
  private final MetricRegistry metrics;
  private final PoolRuntimes pools;
  private final RouteTableHolder routes;
  private final SystemScheduler scheduler;
  private final AdminPlane admin;
  private final HttpClient client;
  private final Frontend frontend;

  private Tether(
      TetherConfig config,
      MetricRegistry metrics,
      PoolRuntimes pools,
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

  /** Starts listening, without a file to reload from; fails without leaving anything running. */
  public static Tether start(TetherConfig config) throws Exception {
    return start(config, null);
  }

  /**
   * Starts listening; fails without leaving anything running.
   *
   * @param file the file {@code config} was read from, read again by {@link #reload()}; or {@code null}
   */
  public static Tether start(TetherConfig config, Path file) throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    SystemScheduler scheduler = new SystemScheduler("tether-timer");
    PoolRuntimes pools = new PoolRuntimes();
    HttpClient client = null;
    AdminPlane admin = null;
    try {
      for (PoolConfig pool : config.pools().values()) {
        pools.add(PoolRuntime.start(pool, config.keys(), metrics, scheduler));
      }
      client = BackendClient.start(config.backend(), Frontend.ioThreads(config.frontend()));
      Forwarder forwarder =
          new Forwarder(
              client, config.backend(), config.forwarded(), config.frontend().maxBodyBytes());
      RouteTableHolder routes = new RouteTableHolder(RouteCompiler.compile(config.routes(), pools.configs()));
      ReloadSource source = file == null ? null : new FileSource(file, config, metrics, scheduler);
      // Runtime changes are back in place before the first request is taken.
      admin = AdminPlane.prepare(config, pools, routes, source, scheduler);
      ProxyHandler proxy =
          new ProxyHandler(routes, pools, forwarder, config.frontend().maxBodyBytes(), metrics);
      // Answers "Expect: 100-continue" itself the moment the body is first read.
      Frontend frontend =
          Frontend.start(config.listen(), config.frontend(), new HttpContinueReadHandler(proxy));
      admin = admin.listen(config.admin());
      Tether tether = new Tether(config, metrics, pools, routes, client, frontend, scheduler, admin);
      log.info("Tether listening on {}", frontend.boundAddresses());
      return tether;
    } catch (Exception | Error e) {
      if (admin != null) {
        admin.close();
      }
      pools.all().forEach(PoolRuntime::close);
      scheduler.close();
      if (client != null) {
        client.stop();
      }
      throw e;
    }
  }

  /** Reads the configuration file again; see {@link TetherEngine#reload()}. */
  public ReloadReport reload() {
    return admin.engine().reload();
  }

  /**
   * Replaces the routing rules for as long as this process runs (the admin API's replacement is the one
   * that survives restarts). The new list is validated whole first; on any error nothing changes and
   * the exception lists every error, each naming its rule. Requests already routed keep their route.
   *
   * @throws RouteTableException when a rule is invalid or names a pool that does not exist
   */
  public void replaceRoutes(List<RuleSpec> rules) {
    routes.replace(RouteCompiler.compile(rules, pools.configs()));
  }

  /** The rules in force. */
  public List<RuleSpec> routes() {
    return routes.current().rules();
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
    pools.all().forEach(PoolRuntime::close);
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

  /** Reloads read the file the proxy started from; new pools share its keys, metrics and timer. */
  private record FileSource(Path file, TetherConfig started, MetricRegistry metrics, SystemScheduler scheduler)
      implements ReloadSource {
    @Override
    public TetherConfig read() {
      return ConfigLoader.load(file);
    }

    @Override
    public PoolRuntime startPool(PoolConfig pool) {
      return PoolRuntime.start(pool, started.keys(), metrics, scheduler);
    }
  }
}
