package tether.proxy.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.AdminEngine;
import tether.admin.engine.AdminException;
import tether.admin.engine.DrainView;
import tether.admin.engine.NewServer;
import tether.admin.engine.PoolView;
import tether.admin.engine.RampPlan;
import tether.admin.engine.ReloadReport;
import tether.admin.engine.ServerView;
import tether.admin.engine.SessionPin;
import tether.admin.engine.Setting;
import tether.proxy.PoolRuntime;
import tether.proxy.PoolRuntimes;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.InvalidConfigException;
import tether.proxy.config.ServerConfig;
import tether.proxy.config.TetherConfig;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Pool;
import tether.proxy.pool.Server;
import tether.proxy.pool.WeightRamp;
import tether.proxy.state.AddedServer;
import tether.proxy.state.DrainState;
import tether.proxy.state.PoolState;
import tether.proxy.state.RampState;
import tether.proxy.state.ServerOverrides;
import tether.routing.RouteTableHolder;

/**
 * The engine behind the admin plane: each action changes a pool and records the change in the runtime
 * state (durable when a state file is configured), so that a restart puts it back. Actions are
 * serialised by this object's lock; the request path never takes it.
 */
public final class TetherEngine implements AdminEngine, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TetherEngine.class);

  private final PoolRuntimes pools;
  private final PoolBook book;
  private final RouteControl routes;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RuntimeJournal journal;
  private final Drains drains;
  private final ServerViews views;
  private final ReloadSource source;
  private final ConfigReload reloads;
  private TetherConfig running;

  /**
   * @param running the configuration the proxy started with
   * @param source  where a reload reads the configuration, or {@code null} when it came from no file
   */
  public TetherEngine(
      PoolRuntimes pools, RouteTableHolder table, TetherConfig running, ReloadSource source,
      Scheduler scheduler, Clock clock, RuntimeJournal journal) {
    this.pools = pools;
    this.book = new PoolBook(pools, journal);
    this.routes = new RouteControl(table, pools, journal, running.routes());
    this.running = running;
    this.source = source;
    this.scheduler = scheduler;
    this.clock = clock;
    this.journal = journal;
    this.drains = new Drains(scheduler, clock, new DrainLoad(pools), this::drained);
    this.views = new ServerViews(scheduler, clock, drains);
    this.reloads = new ConfigReload(pools, routes, journal, drains, this::startDrain);
  }

  // ---- Reading --------------------------------------------------------------------------------------

  @Override
  public List<PoolView> pools() {
    return pools.all().stream().map(this::view).toList();
  }

  @Override
  public PoolView pool(String pool) {
    return view(book.runtime(pool));
  }

  @Override
  public ServerView server(String pool, String server) {
    PoolRuntime runtime = book.runtime(pool);
    return views.server(runtime, PoolBook.current(runtime, server), book.overrides(pool, server));
  }

  private PoolView view(PoolRuntime runtime) {
    String pool = runtime.pool().name();
    return views.pool(runtime, id -> book.overrides(pool, id));
  }

  // ---- Weights and ramps ----------------------------------------------------------------------------

  @Override
  public synchronized ServerView setWeight(String pool, String server, int weight) {
    Pool p = book.pool(pool, server);
    p.setWeight(server, weight);
    book.record(pool, server, o -> o.withWeight(weight).withRamp(null));
    return server(pool, server);
  }

  @Override
  public synchronized ServerView startRamp(String pool, String server, RampPlan plan) {
    Pool p = book.pool(pool, server);
    p.startRamp(server, plan.target(), plan.duration(), ServerViews.curve(plan.curve()));
    WeightRamp ramp = p.ramp(server);
    Instant started = views.instant(ramp.start(), scheduler.nanoTime());
    RampState state = RampState.start(ramp.from(), ramp.to(), started, plan.duration(), ramp.curve().configName());
    book.record(pool, server, o -> o.withWeight(plan.target()).withRamp(state));
    return server(pool, server);
  }

  @Override
  public synchronized ServerView pauseRamp(String pool, String server) {
    Pool p = book.pool(pool, server);
    WeightRamp ramp = p.ramp(server);
    if (ramp == null || ramp.paused()) {
      throw AdminException.conflict("server " + server + " has no running ramp to pause");
    }
    p.pauseRamp(server);
    Instant now = clock.instant();
    book.record(pool, server, o -> o.withRamp(o.ramp() == null ? null : o.ramp().pause(now)));
    return server(pool, server);
  }

  @Override
  public synchronized ServerView resumeRamp(String pool, String server) {
    Pool p = book.pool(pool, server);
    WeightRamp ramp = p.ramp(server);
    if (ramp == null || !ramp.paused()) {
      throw AdminException.conflict("server " + server + " has no paused ramp to resume");
    }
    p.resumeRamp(server);
    Instant now = clock.instant();
    book.record(pool, server, o -> o.withRamp(o.ramp() == null ? null : o.ramp().resume(now)));
    return server(pool, server);
  }

  @Override
  public synchronized ServerView abortRamp(String pool, String server) {
    Pool p = book.pool(pool, server);
    if (p.ramp(server) == null) {
      throw AdminException.conflict("server " + server + " has no ramp to abort");
    }
    p.abortRamp(server);
    int reached = p.snapshot().server(server).weight();
    book.record(pool, server, o -> o.withWeight(reached).withRamp(null));
    return server(pool, server);
  }

  // ---- States and drains ----------------------------------------------------------------------------

  @Override
  public synchronized ServerView drain(String pool, String server, Duration deadline) {
    book.pool(pool, server);
    if (book.overrides(pool, server).state() != null && ServerOverrides.MAINTENANCE.equals(book.overrides(pool, server).state())) {
      throw AdminException.conflict("server " + server + " is in maintenance: nothing to drain");
    }
    startDrain(pool, server, deadline);
    return server(pool, server);
  }

  private void startDrain(String pool, String server) {
    startDrain(pool, server, null);
  }

  private void startDrain(String pool, String server, Duration deadline) {
    pools.get(pool).pool().setState(server, AdminState.DRAINING);
    drains.start(pool, server, clock.instant(), deadline);
    DrainState state = new DrainState(drains.started(pool, server), drains.deadline(pool, server));
    book.record(pool, server, o -> o.withDrain(state));
    log.info("Pool {}: draining {}{}", pool, server, deadline == null ? "" : " (deadline " + deadline + ")");
  }

  @Override
  public DrainView drainProgress(String pool, String server) {
    book.pool(pool, server);
    DrainView view = drains.view(pool, server);
    if (view == null) {
      throw AdminException.conflict("server " + server + " is not draining");
    }
    return view;
  }

  @Override
  public CompletableFuture<DrainView> whenDrained(String pool, String server) {
    book.pool(pool, server);
    CompletableFuture<DrainView> future = drains.whenDrained(pool, server);
    if (future == null) {
      throw AdminException.conflict("server " + server + " is not draining");
    }
    return future;
  }

  /**
   * A drain is over: the server takes nothing more, and says so in the state file. A drain called off
   * meanwhile (by enable, disable or removal, all under this lock) is left alone.
   */
  private synchronized Drains.End drained(String pool, String server, BooleanSupplier stillOpen) {
    if (!stillOpen.getAsBoolean()) {
      return Drains.End.NOT_OPEN;
    }
    PoolRuntime runtime = pools.get(pool);
    if (runtime == null || runtime.pool().snapshot().server(server) == null) {
      return Drains.End.SERVER_GONE;
    }
    if (book.retiring(runtime, server)) {
      // The state file first: whoever sees the server gone finds the file saying so too.
      book.record(pool, server, o -> ServerOverrides.NONE);
      runtime.pool().removeServer(server);
      log.info("Pool {}: {} is drained and gone from the configuration: removed", pool, server);
      return Drains.End.SERVER_GONE;
    }
    runtime.pool().setState(server, AdminState.MAINTENANCE);
    book.record(pool, server, ServerOverrides::withMaintenance);
    log.info("Pool {}: {} is drained and in maintenance: safe to remove", pool, server);
    return Drains.End.ENDED;
  }

  @Override
  public synchronized ServerView enable(String pool, String server) {
    Pool p = book.pool(pool, server);
    book.requireStaying(book.runtime(pool), server);
    drains.cancel(pool, server, "enabled");
    p.setState(server, AdminState.ACTIVE);
    book.record(pool, server, ServerOverrides::withActive);
    return server(pool, server);
  }

  @Override
  public synchronized ServerView disable(String pool, String server) {
    Pool p = book.pool(pool, server);
    book.requireStaying(book.runtime(pool), server);
    p.setState(server, AdminState.MAINTENANCE);
    // A drain the operator cuts short ends as a finished one would: in maintenance.
    DrainView drain = drains.view(pool, server);
    if (drain != null && !drain.done()) {
      drains.cancel(pool, server, "disabled");
    }
    book.record(pool, server, ServerOverrides::withMaintenance);
    return server(pool, server);
  }

  @Override
  public synchronized ServerView clearOverride(String pool, String server, Setting setting) {
    PoolRuntime runtime = book.runtime(pool);
    PoolBook.current(runtime, server);
    switch (setting) {
      case WEIGHT -> {
        runtime.pool().setWeight(server, book.configuredWeight(runtime, server));
        book.record(pool, server, o -> o.withWeight(null).withRamp(null));
      }
      case STATE -> {
        book.requireStaying(runtime, server);
        drains.cancel(pool, server, "override cleared");
        runtime.pool().setState(server, AdminState.ACTIVE);
        book.record(pool, server, ServerOverrides::withActive);
      }
    }
    return server(pool, server);
  }

  // ---- Membership -----------------------------------------------------------------------------------

  @Override
  public synchronized ServerView addServer(String pool, NewServer spec) {
    PoolRuntime runtime = book.runtime(pool);
    ServerConfig config = ServerSpecs.config(spec);
    try {
      runtime.pool().addServer(runtime.definition(config));
    } catch (IllegalArgumentException e) {
      throw AdminException.conflict(e.getMessage());
    }
    // A new server has no drain, whatever an earlier server of that id left behind.
    drains.cancel(pool, spec.id(), "a new server of that id was added");
    AdminState state = ServerSpecs.state(spec.startState());
    if (state != AdminState.ACTIVE) {
      runtime.pool().setState(spec.id(), state);
    }
    AddedServer added = new AddedServer(config.id(), config.address().toString(), config.weight(),
        spec.route() == null ? null : config.route());
    if (state == AdminState.DRAINING) {
      // Before the save: a server left draining with no drain watching it would never leave that state.
      drains.start(pool, spec.id(), clock.instant(), null);
    }
    book.update(pool, p -> {
      // A configured server removed at run time stays removed: a restart takes out the file's
      // definition before it adds this one back under the same id.
      PoolState next = p.withAdded(added);
      return switch (state) {
        case ACTIVE -> next;
        case MAINTENANCE -> next.withOverrides(spec.id(), ServerOverrides.NONE.withMaintenance());
        case DRAINING -> next.withOverrides(spec.id(),
            ServerOverrides.NONE.withDrain(new DrainState(drains.started(pool, spec.id()), null)));
      };
    });
    log.info("Pool {}: added {} at {}", pool, config.id(), config.address());
    return server(pool, spec.id());
  }

  @Override
  public synchronized void removeServer(String pool, String server, boolean force) {
    PoolRuntime runtime = book.runtime(pool);
    Server s = PoolBook.current(runtime, server);
    if (!force) {
      DrainView drain = drains.view(pool, server);
      boolean drained = drain != null && drain.done();
      boolean idle = s.metrics().inFlight() == 0;
      if (!(drained || s.state() == AdminState.MAINTENANCE) || !idle) {
        throw AdminException.conflict("server " + server + " is " + s.state().name().toLowerCase(java.util.Locale.ROOT)
            + " with " + s.metrics().inFlight() + " requests in flight and "
            + ServerViews.liveSessions(runtime, server) + " live sessions (expected: drained or in maintenance with "
            + "nothing in flight, or force)");
      }
    }
    drains.cancel(pool, server, "removed");
    runtime.pool().removeServer(server);
    boolean configured = PoolBook.configured(runtime, server);
    book.update(pool, p -> {
      PoolState next = p.withOverrides(server, ServerOverrides.NONE).withoutAdded(server);
      // The file's server of that id, if any, stays out too: a run-time definition may have stood in
      // for it.
      return configured ? next.withRemoved(server) : next;
    });
    log.info("Pool {}: removed {}{}", pool, server, force ? " (forced)" : "");
  }

  // ---- Sessions and routes --------------------------------------------------------------------------

  @Override
  public Optional<SessionPin> findSession(String pool, String sessionToken) {
    PoolRuntime runtime = book.runtime(pool);
    var affinity = runtime.target().affinity();
    if (affinity == null) {
      return Optional.empty();
    }
    return affinity.locate(sessionToken, runtime.pool().snapshot())
        .map(r -> new SessionPin(r.serverId(), r.strategy()));
  }

  @Override
  public Map<String, Object> routes() {
    return routes.json();
  }

  @Override
  public synchronized Map<String, Object> replaceRoutes(String json) {
    return routes.replace(json);
  }

  @Override
  public synchronized Map<String, Object> clearRoutes() {
    return routes.clear();
  }

  // ---- Reloading and restoring ----------------------------------------------------------------------

  @Override
  public synchronized ReloadReport reload() {
    if (source == null) {
      throw AdminException.conflict("this proxy was started without a configuration file: nothing to reload");
    }
    try {
      ConfigReload.Outcome outcome = reloads.apply(running, source.read(), source);
      running = outcome.running();
      return outcome.report();
    } catch (InvalidConfigException e) {
      log.warn("Reload refused, nothing changed: {}", e.getMessage());
      throw AdminException.badRequest("config", e.problems());
    }
  }

  /** Puts back what the runtime state says, over the configuration; called once at start. */
  public synchronized void restore() {
    new StateRestorer(pools, drains, clock).restore(journal.current());
    routes.restore();
  }

  @Override
  public void close() {
    for (PoolRuntime runtime : pools.all()) {
      for (Server s : runtime.pool().snapshot().servers()) {
        drains.cancel(runtime.pool().name(), s.id(), "shutting down");
      }
    }
  }
}
