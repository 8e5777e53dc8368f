package tether.proxy.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the operator changed at run time, by pool name, ordered by name. Applied over the
 * configuration at start so that a restart does not undo it.
 *
 * @param pools  by pool name; each key is its pool's {@link PoolState#name()}
 * @param routes the rule table set at run time, in the JSON shape {@code {"rules": [...]}} that the
 *               admin API reads; {@code null} while the configuration's rules apply
 */
public record RuntimeState(Map<String, PoolState> pools, Map<String, Object> routes) {

  /** No changes: the configuration stands as written. */
  public static final RuntimeState EMPTY = new RuntimeState(Map.of());

  /** Changes to pools only. */
  public RuntimeState(Map<String, PoolState> pools) {
    this(pools, null);
  }

  /** A {@code null} map of pools is taken as empty. */
  public RuntimeState {
    if (routes != null) {
      routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    }
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
    return new RuntimeState(copy, routes);
  }

  /** Without that pool's state. */
  public RuntimeState without(String pool) {
    Map<String, PoolState> copy = new TreeMap<>(pools);
    copy.remove(pool);
    return new RuntimeState(copy, routes);
  }

  /** With the rule table set at run time; {@code null} goes back to the configuration's. */
  public RuntimeState withRoutes(Map<String, Object> newRoutes) {
    return new RuntimeState(pools, newRoutes);
  }

  public boolean isEmpty() {
    return pools.isEmpty() && routes == null;
  }
}
