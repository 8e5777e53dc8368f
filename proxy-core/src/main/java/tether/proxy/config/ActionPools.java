package tether.proxy.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tether.routing.Action;

/**
 * The pools a rule's action sends requests to, each under the field of the rule that names it, so that
 * a problem about a pool lands on the line that names it: {@code pool}, {@code split[i].pool}, or
 * {@code redirect.pool} for a redirect to {@code {server}} (without it a redirect uses no pool, and
 * compiling the rule refuses one). None for a fixed answer.
 */
final class ActionPools {

  private ActionPools() {}

  /** Pool names by field, in the order written; fields that name no pool are left out. */
  static Map<String, String> byField(Action action) {
    Map<String, String> named = new LinkedHashMap<>();
    if (action instanceof Action.Forward forward) {
      named.put("pool", forward.pool());
    } else if (action instanceof Action.Split split) {
      for (int i = 0; i < split.shares().size(); i++) {
        named.put("split[" + i + "].pool", split.shares().get(i).pool());
      }
    } else if (action instanceof Action.Redirect redirect && redirect.needsServer()) {
      named.put("redirect.pool", redirect.pool());
    }
    named.values().removeIf(Objects::isNull);
    return named;
  }
}
