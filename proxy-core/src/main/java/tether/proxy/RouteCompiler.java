package tether.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tether.routing.Action;
import tether.routing.RouteTable;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

/** Compiles routing rules against the pools that exist, so that no rule can send to a pool that does not. */
public final class RouteCompiler {

  private RouteCompiler() {}

  /**
   * @throws RouteTableException listing every problem, each naming its rule, when a rule is invalid or
   *     names a pool not in {@code pools}
   */
  public static RouteTable compile(List<RuleSpec> rules, Set<String> pools) {
    List<String> errors = new ArrayList<>();
    RouteTable table = null;
    try {
      table = RouteTable.compile(rules);
    } catch (RouteTableException e) {
      errors.addAll(e.errors());
    }
    for (int i = 0; i < rules.size(); i++) {
      for (String pool : poolsOf(rules.get(i).action())) {
        if (!pools.contains(pool)) {
          String name = rules.get(i).name();
          errors.add("rule " + i + (name == null ? "" : " (" + name + ")") + ": pool: " + pool + " (expected: one of " + pools + ")");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RouteTableException(errors);
    }
    return table;
  }

  private static List<String> poolsOf(Action action) {
    if (action instanceof Action.Forward forward) {
      return List.of(forward.pool());
    }
    if (action instanceof Action.Split split) {
      return split.shares().stream().map(Action.Share::pool).toList();
    }
    if (action instanceof Action.Redirect redirect && redirect.pool() != null) {
      return List.of(redirect.pool());
    }
    return List.of();
  }
}
