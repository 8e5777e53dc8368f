package tether.proxy.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the operator changed at run time, by pool name, ordered by name. Applied over the
 * configuration at start so that a restart does not undo it.
 *
 * @param pools by pool name; each key is its pool's {@link PoolState#name()}
 */
public record RuntimeState(Map<String, PoolState> pools) {

  /** No changes: the configuration stands as written. */
  public static final RuntimeState EMPTY = new RuntimeState(Map.of());

  /** A {@code null} map is taken as empty. */
  public RuntimeState {
    pools = Checks.sortedMap("pools", pools);
    pools.forEach(
        (name, pool) -> {
          if (!name.equals(pool.name())) {
            throw Checks.refused("pools[" + name + "].name", pool.name(), "\"" + name + "\", its key");
          }
        });
  }

  /** The pool's state, empty when the operator changed nothing in it. */
  public PoolState pool(String name) {
    PoolState pool = pools.get(name);
    return pool != null ? pool : PoolState.empty(name);
  }

  /** With that pool's state replaced; an empty one drops the pool's entry. */
  public RuntimeState with(PoolState pool) {
    Checks.present("pool", pool, "a pool state");
    Map<String, PoolState> copy = new TreeMap<>(pools);
    if (pool.isEmpty()) {
      copy.remove(pool.name());
    } else {
      copy.put(pool.name(), pool);
    }
    return new RuntimeState(copy);
  }

  public boolean isEmpty() {
    return pools.isEmpty();
  }
}
