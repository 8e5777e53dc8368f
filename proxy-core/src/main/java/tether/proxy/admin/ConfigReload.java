package tether.proxy.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.ReloadReport;
import tether.proxy.PoolRuntime;
import tether.proxy.PoolRuntimes;
import tether.proxy.config.InvalidConfigException;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.ServerConfig;
import tether.proxy.config.TetherConfig;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Server;
import tether.proxy.state.PoolState;
import tether.proxy.state.ServerOverrides;
import tether.routing.RouteTable;

/**
 * Applies a configuration read again over the running proxy, under the operator's run-time changes.
 *
 * <p>Applied: servers added, changed (address, route, weight, public URL) and removed; pools added and
 * removed; the routes. Run-time changes win: a weight set at run time stays, a server removed at run
 * time stays removed, one added at run time keeps its definition, a rule table set at run time stays in
 * force. A server the file drops while sessions live on it is drained first and leaves the pool when
 * the drain ends. Everything else (listeners, limits, keys, the admin plane, a pool's balancer,
 * affinity, checks and the like) is only reported: it needs a restart.
 *
 * <p>The new file is checked whole before anything changes. Runs under the engine's lock.
 */
final class ConfigReload {

  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  private final PoolRuntimes pools;
  private final RouteControl routes;
  private final RuntimeJournal journal;
  private final Drains drains;
  private final BiConsumer<String, String> drain;

  /** {@code drain} starts a drain of a server, as the API's drain call does. */
  ConfigReload(PoolRuntimes pools, RouteControl routes, RuntimeJournal journal, Drains drains, BiConsumer<String, String> drain) {
    this.pools = pools;
    this.routes = routes;
    this.journal = journal;
    this.drains = drains;
    this.drain = drain;
  }

  /** What a reload did, and the configuration now in force (restart-only settings kept as they run). */
  record Outcome(ReloadReport report, TetherConfig running) {}

  /**
   * @throws InvalidConfigException when the new configuration cannot be applied; nothing has changed
   */
  Outcome apply(TetherConfig running, TetherConfig next, ReloadSource source) {
    RouteTable table = routes.prepare(withAffinityInForce(running, next), next.routes());
    List<String> applied = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> restart = restartNeeded(running, next);
    List<PoolRuntime> started = startPools(next, source);

    Map<String, PoolConfig> nowRunning = new LinkedHashMap<>();
    try {
      for (PoolConfig pool : next.pools().values()) {
        PoolRuntime runtime = pools.get(pool.name());
        if (runtime == null) {
          continue;
        }
        servers(runtime, pool.servers(), applied, kept);
        runtime.configuredServers(pool.servers());
        nowRunning.put(pool.name(), runtime.config());
      }
    } catch (RuntimeException e) {
      // A change that could not be saved stops the reload here, before the new pools are in place:
      // they must not keep running (health checks, metrics) with nothing to stop them.
      started.forEach(PoolRuntime::close);
      throw e;
    }
    for (PoolRuntime runtime : started) {
      pools.add(runtime);
      nowRunning.put(runtime.pool().name(), runtime.config());
      applied.add("pool " + runtime.pool().name() + ": added with " + runtime.config().servers().size() + " servers");
    }
    routes.install(table, next.routes());
    if (!next.routes().equals(running.routes())) {
      applied.add(routes.overridden()
          ? "routes: the file's rules are read; the rules set at run time stay in force until cleared"
          : "routes: " + next.routes().size() + " rules in force");
    }
    for (String name : running.pools().keySet()) {
      if (!next.pools().containsKey(name)) {
        removePool(name);
        applied.add("pool " + name + ": removed");
      }
    }
    // Pools keep the order of the file for their settings' sake; new ones run with their own.
    Map<String, PoolConfig> ordered = new LinkedHashMap<>();
    next.pools().keySet().forEach(name -> ordered.put(name, nowRunning.get(name)));
    TetherConfig now = new TetherConfig(running.listen(), running.frontend(), running.backend(), running.forwarded(),
        running.shutdownGrace(), ordered, next.routes(), running.keys(), running.admin());
    ReloadReport report = new ReloadReport(applied, kept, restart);
    log.info("Configuration reloaded: {} applied, {} kept, {} need a restart{}", applied.size(), kept.size(),
        restart.size(), report.restartNeeded().isEmpty() ? "" : " " + restart);
    kept.forEach(line -> log.warn("Reload: {}", line));
    return new Outcome(report, now);
  }

  private List<PoolRuntime> startPools(TetherConfig next, ReloadSource source) {
    List<PoolRuntime> started = new ArrayList<>();
    try {
      for (PoolConfig pool : next.pools().values()) {
        if (pools.get(pool.name()) == null) {
          started.add(source.startPool(pool));
        }
      }
      return started;
    } catch (RuntimeException e) {
      started.forEach(PoolRuntime::close);
      throw new InvalidConfigException(List.of("pools: a new pool could not start: " + e.getMessage()));
    }
  }

  // ---- Servers of a pool --------------------------------------------------------------------------

  private void servers(PoolRuntime runtime, List<ServerConfig> nextServers, List<String> applied, List<String> kept) {
    Map<String, ServerConfig> before = byId(runtime.config().servers());
    Map<String, ServerConfig> after = byId(nextServers);
    for (ServerConfig was : before.values()) {
      if (!after.containsKey(was.id())) {
        dropped(runtime, was.id(), applied, kept);
      }
    }
    for (ServerConfig now : after.values()) {
      ServerConfig was = before.get(now.id());
      if (was == null) {
        added(runtime, now, applied, kept);
      } else if (!was.equals(now)) {
        changed(runtime, was, now, applied, kept);
      }
    }
  }

  private void added(PoolRuntime runtime, ServerConfig server, List<String> applied, List<String> kept) {
    String pool = runtime.pool().name();
    PoolState state = journal.current().pool(pool);
    String where = "pool " + pool + ": server " + server.id() + ": ";
    if (state.added(server.id()) != null) {
      kept.add(where + "added at run time; that definition stays until the server is removed");
      return;
    }
    if (state.removed().contains(server.id())) {
      kept.add(where + "removed at run time; it stays out until a server of that id is added through the admin API");
      return;
    }
    if (runtime.pool().snapshot().server(server.id()) != null) {
      back(runtime, server, state, applied, kept);
      return;
    }
    try {
      runtime.pool().addServer(runtime.definition(server));
      // A new server has no drain, whatever an earlier server of that id left behind.
      drains.cancel(pool, server.id(), "a new server of that id was added");
      applied.add(where + "added at " + server.address());
    } catch (IllegalArgumentException e) {
      kept.add(where + "not added: " + e.getMessage());
    }
  }

  /**
   * A server an earlier reload dropped, still draining out, is back in the file: it stays, as the file
   * now defines it, and its drain is called off.
   */
  private void back(PoolRuntime runtime, ServerConfig server, PoolState state, List<String> applied, List<String> kept) {
    String pool = runtime.pool().name();
    String id = server.id();
    String where = "pool " + pool + ": server " + id + ": ";
    try {
      runtime.pool().replaceServer(runtime.definition(server), state.overrides(id).weight() != null);
    } catch (IllegalArgumentException e) {
      kept.add(where + "not added back: " + e.getMessage());
      return;
    }
    drains.cancel(pool, id, "back in the configuration file");
    runtime.pool().setState(id, AdminState.ACTIVE);
    journal.update(s -> s.with(s.pool(pool).withOverrides(id, s.pool(pool).overrides(id).withActive())));
    applied.add(where + "back in the file while it was leaving: its drain is called off, and it runs at "
        + server.address());
  }

  private void changed(PoolRuntime runtime, ServerConfig was, ServerConfig now, List<String> applied, List<String> kept) {
    String pool = runtime.pool().name();
    PoolState state = journal.current().pool(pool);
    String where = "pool " + pool + ": server " + now.id() + ": ";
    if (state.added(now.id()) != null || state.removed().contains(now.id())) {
      kept.add(where + (state.added(now.id()) != null ? "added" : "removed")
          + " at run time; the file's new definition does not apply until that is undone");
      return;
    }
    Integer weightOverride = state.overrides(now.id()).weight();
    try {
      runtime.pool().replaceServer(runtime.definition(now), weightOverride != null);
    } catch (IllegalArgumentException e) {
      kept.add(where + "not changed: " + e.getMessage());
      return;
    }
    applied.add(where + describe(was, now));
    if (weightOverride != null && was.weight() != now.weight()) {
      kept.add(where + "weight " + now.weight() + " in the file; the weight " + weightOverride
          + " set at run time stays until it is cleared");
    }
  }

  private void dropped(PoolRuntime runtime, String id, List<String> applied, List<String> kept) {
    String pool = runtime.pool().name();
    PoolState state = journal.current().pool(pool);
    String where = "pool " + pool + ": server " + id + ": ";
    if (state.removed().contains(id)) {
      journal.update(s -> s.with(s.pool(pool).withoutRemoved(id)));
      return;
    }
    if (state.added(id) != null) {
      kept.add(where + "gone from the file, but the server added at run time with that id stays");
      return;
    }
    Server server = runtime.pool().snapshot().server(id);
    if (server == null) {
      return;
    }
    int sessions = ServerViews.liveSessions(runtime, id);
    long inFlight = server.metrics().inFlight();
    // In maintenance the server serves nobody already; draining it would let its sessions back in.
    if (server.state() == AdminState.MAINTENANCE || sessions == 0 && inFlight == 0) {
      drains.cancel(pool, id, "removed by a reload");
      runtime.pool().removeServer(id);
      journal.update(s -> s.with(s.pool(pool).withOverrides(id, ServerOverrides.NONE)));
      applied.add(where + "removed");
      return;
    }
    if (drains.view(pool, id) == null || drains.view(pool, id).done()) {
      drain.accept(pool, id);
    }
    kept.add(where + "gone from the file with " + sessions + " live sessions and " + inFlight
        + " requests in flight: draining, and it leaves the pool when the drain ends");
  }

  private void removePool(String name) {
    PoolRuntime runtime = pools.remove(name);
    if (runtime == null) {
      return;
    }
    for (Server s : runtime.pool().snapshot().servers()) {
      drains.cancel(name, s.id(), "pool removed by a reload");
    }
    runtime.close();
    journal.update(s -> s.without(name));
  }

  /**
   * The next pools as they will run: a pool that stays keeps its affinity until a restart, so the routes
   * are checked against that one (see {@code CookieClashes}), not the file's.
   */
  private static Map<String, PoolConfig> withAffinityInForce(TetherConfig running, TetherConfig next) {
    Map<String, PoolConfig> pools = new LinkedHashMap<>();
    next.pools().forEach((name, pool) -> {
      PoolConfig was = running.pools().get(name);
      pools.put(name, was == null ? pool : pool.withAffinity(was.affinity()));
    });
    return pools;
  }

  // ---- What needs a restart -----------------------------------------------------------------------

  private static List<String> restartNeeded(TetherConfig running, TetherConfig next) {
    List<String> restart = new ArrayList<>();
    differs(restart, "tether.listen", running.listen(), next.listen());
    differs(restart, "tether.frontend", running.frontend(), next.frontend());
    differs(restart, "tether.backend", running.backend(), next.backend());
    differs(restart, "tether.forwarded", running.forwarded(), next.forwarded());
    differs(restart, "tether.shutdown-grace", running.shutdownGrace(), next.shutdownGrace());
    differs(restart, "tether.keys", running.keys(), next.keys());
    differs(restart, "tether.admin", running.admin(), next.admin());
    for (PoolConfig was : running.pools().values()) {
      PoolConfig now = next.pools().get(was.name());
      if (now == null) {
        continue;
      }
      String base = "tether.pools." + was.name() + ".";
      differs(restart, base + "balancer", was.balancer(), now.balancer());
      differs(restart, base + "affinity", was.affinity(), now.affinity());
      differs(restart, base + "hash-key", was.hashKey(), now.hashKey());
      differs(restart, base + "hash-load-factor", was.hashLoadFactor(), now.hashLoadFactor());
      differs(restart, base + "health-check", was.healthCheck(), now.healthCheck());
      differs(restart, base + "passive", was.passive(), now.passive());
      differs(restart, base + "retries", was.retries(), now.retries());
      differs(restart, base + "queue", was.queue(), now.queue());
      differs(restart, base + "slow-start", was.slowStart(), now.slowStart());
    }
    return restart;
  }

  private static void differs(List<String> restart, String key, Object was, Object now) {
    if (!Objects.equals(was, now)) {
      restart.add(key);
    }
  }

  private static String describe(ServerConfig was, ServerConfig now) {
    List<String> parts = new ArrayList<>();
    if (!was.address().equals(now.address())) {
      parts.add("address " + was.address() + " -> " + now.address());
    }
    if (!Objects.equals(was.route(), now.route())) {
      parts.add("route " + was.route() + " -> " + now.route());
    }
    if (was.weight() != now.weight()) {
      parts.add("weight " + was.weight() + " -> " + now.weight());
    }
    if (!Objects.equals(was.publicUrl(), now.publicUrl())) {
      parts.add("public URL " + was.publicUrl() + " -> " + now.publicUrl());
    }
    return String.join(", ", parts);
  }

  private static Map<String, ServerConfig> byId(List<ServerConfig> servers) {
    Map<String, ServerConfig> map = new LinkedHashMap<>();
    servers.forEach(s -> map.put(s.id(), s));
    return map;
  }
}
