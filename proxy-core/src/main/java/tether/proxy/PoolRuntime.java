package tether.proxy;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;
import tether.proxy.affinity.PoolAffinity;
import tether.proxy.balance.BalancerContext;
import tether.proxy.balance.BalancerFactory;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.KeysConfig;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.ServerConfig;
import tether.proxy.forward.PoolTarget;
import tether.proxy.health.CheckTarget;
import tether.proxy.health.Directive;
import tether.proxy.health.HealthChecker;
import tether.proxy.health.HealthListener;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.AgentState;
import tether.proxy.pool.EjectionListener;
import tether.proxy.pool.Ejections;
import tether.proxy.pool.Health;
import tether.proxy.pool.Pool;
import tether.proxy.pool.Server;
import tether.proxy.pool.ServerSlots;
import tether.stickiness.SessionCounts;

/**
 * One pool with everything that keeps it current: its affinity, active health checks and passive
 * ejection feeding the pool's state, and the per-server gauges
 * {@code tether.pool.POOL.server.ID.{health,ejected,ejections,effective-weight,queue-length}}.
 */
public final class PoolRuntime implements AutoCloseable {

  private volatile PoolConfig config;
  private final Pool pool;
  private final PoolTarget target;
  private final Ejections ejections;
  private final HealthChecker checker;
  private final MetricRegistry metrics;
  private final Scheduler scheduler;

  private PoolRuntime(
      PoolConfig config, Pool pool, PoolTarget target, Ejections ejections, HealthChecker checker,
      MetricRegistry metrics, Scheduler scheduler) {
    this.config = config;
    this.pool = pool;
    this.target = target;
    this.ejections = ejections;
    this.checker = checker;
    this.metrics = metrics;
    this.scheduler = scheduler;
  }

  static PoolRuntime start(PoolConfig config, KeysConfig keys, MetricRegistry metrics, Scheduler scheduler) {
    PoolAffinity affinity =
        PoolAffinity.create(config.name(), config.affinity(), keys, metrics, Clock.systemUTC(), Ticker.systemTicker());
    SessionCounts sessions = affinity == null ? null : affinity.sessionCounts().orElse(null);
    BalancerContext context = new BalancerContext(ThreadLocalRandom::current, sessions, config.hashLoadFactor());
    List<Server> servers = new ArrayList<>();
    for (ServerConfig s : config.servers()) {
      servers.add(definition(config, s, metrics, scheduler));
    }
    Pool pool =
        new Pool(config.name(), BalancerFactory.of(config.balancer(), context), servers, scheduler, config.slowStart());
    Ejections ejections = new Ejections(config.name(), config.passive(), scheduler, new Ejecting(pool));
    HealthChecker checker = null;
    if (config.healthCheck().enabled()) {
      checker = new HealthChecker(config.name(), config.healthCheck(), scheduler,
          HealthChecker.probeFor(config.healthCheck(), scheduler), new Checking(pool), new SplittableRandom());
    }
    PoolTarget target = new PoolTarget(pool, affinity, ejections, config.retries(), config.hashKey(), scheduler);
    PoolRuntime runtime = new PoolRuntime(config, pool, target, ejections, checker, metrics, scheduler);
    pool.onMembershipChange(runtime::membersChanged);
    runtime.membersChanged(pool.definitions());
    return runtime;
  }

  /** A server of this pool as configured, with its metrics and its slots. */
  public Server definition(ServerConfig s) {
    return definition(config, s, metrics, scheduler);
  }

  static Server definition(PoolConfig config, ServerConfig s, MetricRegistry metrics, Scheduler scheduler) {
    return new Server(
        s.id(),
        s.address(),
        s.route(),
        s.weight(),
        s.weight() * Server.WEIGHT_SCALE,
        AdminState.ACTIVE,
        s.publicUrl(),
        new ServerMetrics(metrics, config.name(), s.id(), scheduler::nanoTime),
        Health.UP,
        ServerSlots.of(config.queue(), scheduler));
  }

  /** The configuration the pool runs with; its servers are the configured ones, not those added at run time. */
  public PoolConfig config() {
    return config;
  }

  /** After a reload changed the configured servers; the pool's own servers are changed by the caller. */
  public void configuredServers(List<ServerConfig> servers) {
    config = config.withServers(servers);
  }

  public PoolTarget target() {
    return target;
  }

  public Pool pool() {
    return pool;
  }

  /** The active checker, or {@code null} when the pool has no health check. */
  public HealthChecker checker() {
    return checker;
  }

  public Ejections ejections() {
    return ejections;
  }

  private void membersChanged(List<Server> members) {
    ejections.servers(members.stream().map(Server::id).toList());
    if (checker != null) {
      checker.track(members.stream().map(s -> new CheckTarget(s.id(), s.address())).toList());
    }
    for (Server s : members) {
      gauges(s);
    }
  }

  private void gauges(Server s) {
    String base = MetricRegistry.name("tether.pool", pool.name(), "server", s.id());
    gauge(base + ".health", s.id(), v -> v.health() == Health.UP ? 1 : 0);
    gauge(base + ".ejected", s.id(), v -> v.health() == Health.EJECTED ? 1 : 0);
    gauge(base + ".effective-weight", s.id(), v -> v.effectiveWeight() / (double) Server.WEIGHT_SCALE);
    gauge(base + ".queue-length", s.id(), v -> v.slots().queued());
    metrics.gauge(base + ".ejections", () -> () -> ejections.ejections(s.id()));
  }

  /** A gauge over the server's view in the current snapshot; 0 once it is gone. */
  private void gauge(String name, String id, ToDoubleFunction<Server> value) {
    metrics.gauge(name, () -> (Gauge<Double>) () -> {
      Server current = pool.snapshot().server(id);
      return current == null ? 0 : value.applyAsDouble(current);
    });
  }

  @Override
  public void close() {
    if (checker != null) {
      checker.close();
    }
    ejections.servers(List.of());
    // A pool of that name added later must not find gauges that read this one.
    String prefix = MetricRegistry.name("tether.pool", pool.name()) + ".";
    metrics.removeMatching((name, metric) -> name.startsWith(prefix));
  }

  /** Passive detection's verdicts, applied to the pool. */
  private record Ejecting(Pool pool) implements EjectionListener {
    @Override
    public void ejected(String serverId, Duration backOff, String reason) {
      pool.ejected(serverId, true);
    }

    @Override
    public void returned(String serverId) {
      pool.ejected(serverId, false);
    }
  }

  /** Active checks' verdicts and the servers' own requests, applied to the pool. */
  private record Checking(Pool pool) implements HealthListener {
    @Override
    public void healthChanged(String serverId, boolean up, String reason) {
      pool.healthChanged(serverId, up);
    }

    @Override
    public void directive(String serverId, Directive directive) {
      AgentState state = directive.state() == null ? null : switch (directive.state()) {
        case READY -> AgentState.READY;
        case DRAIN -> AgentState.DRAIN;
        case MAINTENANCE -> AgentState.MAINTENANCE;
      };
      pool.agent(serverId, state, directive.weightPercent());
    }
  }
}
