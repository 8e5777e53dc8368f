package tether.proxy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tether.proxy.config.PoolConfig;
import tether.proxy.forward.PoolLookup;
import tether.proxy.forward.PoolTarget;

/**
 * The pools of a running proxy, by name in configuration order. A reload adds and removes pools while
 * requests look them up, so readers get an immutable snapshot behind one volatile field and writers
 * (the admin plane, one at a time) publish a new one.
 */
public final class PoolRuntimes implements PoolLookup {

  private volatile Map<String, PoolRuntime> pools = Map.of();

  @Override
  public PoolTarget target(String pool) {
    PoolRuntime runtime = pools.get(pool);
    return runtime == null ? null : runtime.target();
  }

  /** The pool of that name, or {@code null}. */
  public PoolRuntime get(String pool) {
    return pools.get(pool);
  }

  public Set<String> names() {
    return pools.keySet();
  }

  public List<PoolRuntime> all() {
    return List.copyOf(pools.values());
  }

  /** The configuration each pool runs with, by name. */
  public Map<String, PoolConfig> configs() {
    Map<String, PoolConfig> configs = new LinkedHashMap<>();
    pools.forEach((name, runtime) -> configs.put(name, runtime.config()));
    return configs;
  }

  /**
   * Adds a started pool.
   *
   * @throws IllegalArgumentException when a pool of that name is there already
   */
  public synchronized void add(PoolRuntime runtime) {
    String name = runtime.pool().name();
    if (pools.containsKey(name)) {
      throw new IllegalArgumentException("pool: " + name + " (expected: a name not in use)");
    }
    Map<String, PoolRuntime> copy = new LinkedHashMap<>(pools);
    copy.put(name, runtime);
    pools = Collections.unmodifiableMap(copy);
  }

  /** Takes the pool out of the lookup and returns it, or {@code null}; the caller closes it. */
  public synchronized PoolRuntime remove(String name) {
    Map<String, PoolRuntime> copy = new LinkedHashMap<>(pools);
    PoolRuntime removed = copy.remove(name);
    pools = Collections.unmodifiableMap(copy);
    return removed;
  }
}
