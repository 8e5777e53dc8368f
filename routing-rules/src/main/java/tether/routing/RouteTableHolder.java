package tether.routing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current route table behind one volatile reference. Lookups never lock; a replacement is one
 * atomic swap, and requests already routed keep the {@link RouteResult} they got.
 */
public final class RouteTableHolder {

  private final AtomicReference<RouteTable> current;

  public RouteTableHolder(RouteTable initial) {
    current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public RouteTable current() {
    return current.get();
  }

  public RouteResult route(RouteRequest request) {
    return current.get().route(request);
  }

  /** Installs {@code next} and returns the table it replaced. */
  public RouteTable replace(RouteTable next) {
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }

  /**
   * Compiles {@code rules} with the current table's path limit and installs the result. If the rules
   * are invalid, the current table stays and the exception lists every problem.
   */
  public RouteTable replace(List<RuleSpec> rules) {
    return replace(RouteTable.compile(rules, current.get().normalizer()));
  }
}
