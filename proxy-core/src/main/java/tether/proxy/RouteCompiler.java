package tether.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tether.proxy.config.CookieClashes;
import tether.proxy.config.PoolConfig;
import tether.routing.Action;
import tether.routing.RouteTable;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

/** Compiles routing rules against the pools that exist, so that no rule can send to a pool that does not. */
public final class RouteCompiler {

  private RouteCompiler() {}

  /**
   * @throws RouteTableException listing every problem, each naming its rule, when a rule is invalid,
   *     names a pool not in {@code pools}, or reaches a pool that would take over another's sessions by
   *     sharing its cookie ({@link CookieClashes})
   */
  public static RouteTable compile(List<RuleSpec> rules, Map<String, PoolConfig> pools) {
    List<String> errors = new ArrayList<>();
    RouteTable table = null;
    try {
      table = RouteTable.compile(rules);
    } catch (RouteTableException e) {
      errors.addAll(e.errors());
    }
    for (int i = 0; i < rules.size(); i++) {
      for (String pool : poolsOf(rules.get(i).action())) {
        if (!pools.containsKey(pool)) {
          errors.add(label(rules, i) + ": pool: " + pool + " (expected: one of " + pools.keySet() + ")");
        }
      }
    }
    if (errors.isEmpty()) {
      for (CookieClashes.Clash clash : CookieClashes.find(rules, pools)) {
        errors.add(label(rules, clash.rule()) + ": " + clash.field() + ": " + clash.message());
      }
    }
    if (!errors.isEmpty()) {
      throw new RouteTableException(errors);
    }
    return table;
  }

  private static String label(List<RuleSpec> rules, int i) {
    String name = rules.get(i).name();
    return "rule " + i + (name == null ? "" : " (" + name + ")");
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
