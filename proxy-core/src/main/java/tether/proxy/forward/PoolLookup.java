package tether.proxy.forward;

/** Finds a pool's forwarding target by name; the set of pools may change while the proxy runs. */
@FunctionalInterface
public interface PoolLookup {

  /** The pool's target, or {@code null} when no pool has that name (any more). */
  PoolTarget target(String pool);
}
