package tether.proxy.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.proxy.PoolRuntime;
import tether.proxy.PoolRuntimes;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.ServerDefinitions;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Pool;
import tether.proxy.pool.RampCurve;
import tether.proxy.pool.Server;
import tether.proxy.state.AddedServer;
import tether.proxy.state.PoolState;
import tether.proxy.state.RampState;
import tether.proxy.state.RuntimeState;
import tether.proxy.state.ServerOverrides;

/**
 * Puts the runtime state back over a configuration at start: servers removed and added, weights,
 * ramps (resumed where they had got to), maintenance and drains. A server added at run time keeps
 * its definition even where the file now has a server of that id, as it does through a reload. What
 * the configuration no longer allows (a pool that is gone, an added server that does not fit the pool)
 * is skipped with a warning, never guessed at.
 */
final class StateRestorer {

  private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);

  private final PoolRuntimes pools;
  private final Drains drains;
  private final Clock clock;

  StateRestorer(PoolRuntimes pools, Drains drains, Clock clock) {
    this.pools = pools;
    this.drains = drains;
    this.clock = clock;
  }

  void restore(RuntimeState state) {
    for (PoolState ps : state.pools().values()) {
      PoolRuntime runtime = pools.get(ps.name());
      if (runtime == null) {
        log.warn("State file: pool {} is no longer configured; its runtime changes are ignored", ps.name());
        continue;
      }
      restore(runtime, ps);
    }
  }

  private void restore(PoolRuntime runtime, PoolState ps) {
    Pool pool = runtime.pool();
    for (String id : ps.removed()) {
      if (pool.snapshot().server(id) != null) {
        pool.removeServer(id);
      }
    }
    for (AddedServer added : ps.added()) {
      try {
        Server definition =
            runtime.definition(ServerDefinitions.parse(added.id(), added.address(), added.weight(), added.route()));
        if (pool.snapshot().server(added.id()) != null) {
          // The file now has a server of that id; the one added at run time keeps its definition until
          // it is removed, as a reload keeps it.
          pool.replaceServer(definition, false);
        } else {
          pool.addServer(definition);
        }
      } catch (IllegalArgumentException e) {
        log.warn("State file: server {} added to pool {} at run time cannot be added back: {}", added.id(), ps.name(), e.getMessage());
      }
    }
    for (Map.Entry<String, ServerOverrides> e : ps.overrides().entrySet()) {
      String id = e.getKey();
      if (pool.snapshot().server(id) == null) {
        log.warn("State file: pool {} has no server {}; its runtime changes are ignored", ps.name(), id);
        continue;
      }
      ServerOverrides o = e.getValue();
      if (o.weight() != null) {
        pool.setWeight(id, o.weight());
      }
      if (o.ramp() != null) {
        ramp(pool, id, o.ramp());
      }
      if (ServerOverrides.MAINTENANCE.equals(o.state())) {
        pool.setState(id, AdminState.MAINTENANCE);
      } else if (ServerOverrides.DRAINING.equals(o.state())) {
        pool.setState(id, AdminState.DRAINING);
        drains.restore(ps.name(), id, o.drain().started(), o.drain().deadline(), relearn(runtime.config().affinity()));
      }
    }
  }

  /** A ramp under way goes on from the weight it had reached, over the time it had left. */
  private void ramp(Pool pool, String id, RampState ramp) {
    Instant now = clock.instant();
    Instant at = ramp.paused() ? ramp.pausedAt() : now;
    Duration run = Duration.between(ramp.started(), at).minus(ramp.pausedFor());
    if (run.compareTo(ramp.duration()) >= 0) {
      pool.setWeight(id, ramp.target());
      return;
    }
    RampCurve curve = RampCurve.named(ramp.curve());
    double t = Math.max(0, (double) run.toMillis() / ramp.duration().toMillis());
    int reached = (int) Math.round(ramp.from() + (ramp.target() - ramp.from()) * curve.at(t));
    pool.setWeight(id, reached);
    pool.startRamp(id, ramp.target(), ramp.duration().minus(run.isNegative() ? Duration.ZERO : run), curve);
    if (ramp.paused()) {
      pool.pauseRamp(id);
    }
  }

  /** How long after a restart live sessions take to be counted again: the pool's session idle time. */
  private static Duration relearn(AffinityConfig affinity) {
    if (affinity.strategies().contains(AffinityConfig.Strategy.COOKIE)) {
      return affinity.cookie().maxIdle();
    }
    if (affinity.strategies().contains(AffinityConfig.Strategy.LEARNED)) {
      return affinity.learned().sessionTimeout();
    }
    return Duration.ZERO;
  }
}
