package tether.proxy.admin;

import java.util.function.UnaryOperator;
import tether.admin.engine.AdminException;
import tether.proxy.PoolRuntime;
import tether.proxy.PoolRuntimes;
import tether.proxy.config.ServerConfig;
import tether.proxy.pool.Pool;
import tether.proxy.pool.Server;
import tether.proxy.state.AddedServer;
import tether.proxy.state.PoolState;
import tether.proxy.state.ServerOverrides;

/**
 * The engine's lookups and bookkeeping: pools and servers by name (404 when missing), and each change
 * recorded in the runtime state, pool by pool.
 */
final class PoolBook {

  private final PoolRuntimes pools;
  private final RuntimeJournal journal;

  PoolBook(PoolRuntimes pools, RuntimeJournal journal) {
    this.pools = pools;
    this.journal = journal;
  }

  PoolRuntime runtime(String pool) {
    PoolRuntime runtime = pools.get(pool);
    if (runtime == null) {
      throw AdminException.notFound("pool: " + pool + " (expected: one of " + pools.names() + ")");
    }
    return runtime;
  }

  static Server current(PoolRuntime runtime, String server) {
    Server s = runtime.pool().snapshot().server(server);
    if (s == null) {
      throw AdminException.notFound("server: " + server + " (expected: a server of pool " + runtime.pool().name() + ")");
    }
    return s;
  }

  /** The pool, once it is known to have that server. */
  Pool pool(String pool, String server) {
    PoolRuntime runtime = runtime(pool);
    current(runtime, server);
    return runtime.pool();
  }

  static boolean configured(PoolRuntime runtime, String server) {
    return runtime.config().servers().stream().anyMatch(s -> s.id().equals(server));
  }

  /** A server that a reload dropped from the file while it still had sessions: it goes once drained. */
  boolean retiring(PoolRuntime runtime, String server) {
    return !configured(runtime, server) && journal.current().pool(runtime.pool().name()).added(server) == null;
  }

  /**
   * Refuses a change of state for a server on its way out: calling its drain off would leave it in the
   * pool with no definition in the file or the state file, and no reload would look at it again.
   */
  void requireStaying(PoolRuntime runtime, String server) {
    if (retiring(runtime, server)) {
      throw AdminException.conflict("server " + server + ": leaving the pool once drained, as the configuration "
          + "file no longer lists it (expected: a server of the file or one added at run time; DELETE with "
          + "force=true removes it now)");
    }
  }

  /** The weight the server has without the operator's: from the file, or from its run-time addition. */
  int configuredWeight(PoolRuntime runtime, String server) {
    // A run-time addition stands in for a server of the file with the same id, as at a restart.
    AddedServer added = journal.current().pool(runtime.pool().name()).added(server);
    if (added != null) {
      return added.weight();
    }
    for (ServerConfig s : runtime.config().servers()) {
      if (s.id().equals(server)) {
        return s.weight();
      }
    }
    return runtime.pool().snapshot().server(server).weight();
  }

  ServerOverrides overrides(String pool, String server) {
    return journal.current().pool(pool).overrides(server);
  }

  void record(String pool, String server, UnaryOperator<ServerOverrides> change) {
    update(pool, p -> p.withOverrides(server, change.apply(p.overrides(server))));
  }

  void update(String pool, UnaryOperator<PoolState> change) {
    journal.update(state -> state.with(change.apply(state.pool(pool))));
  }
}
