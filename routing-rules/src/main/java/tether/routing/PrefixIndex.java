package tether.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one host pattern by prefix. A lookup probes the map with the path cut at each
 * segment boundary, longest first, so its cost depends on the path's depth, not on the number of
 * rules.
 */
final class PrefixIndex {

  private PrefixIndex() {}

  /**
   * A map from each normalised prefix to its rule, or to its rules in declaration order when there
   * are several: most prefixes have one rule, and this saves a memory read per lookup.
   */
  static RegionMap<Object> build(Map<String, List<CompiledRule>> rulesByPrefix) {
    Map<String, Object> map = new HashMap<>();
    rulesByPrefix.forEach((prefix, rules) ->
        map.put(prefix, rules.size() == 1 ? rules.get(0) : rules.toArray(new CompiledRule[0])));
    return new RegionMap<>(map);
  }

  /** The first rule, longest prefix first, whose conditions hold; or {@code null}. */
  static CompiledRule find(RegionMap<Object> byPrefix, String matchPath, RouteRequest request) {
    int end = matchPath.length();
    if (end > 1 && matchPath.charAt(end - 1) == '/') {
      end--;
    }
    while (true) {
      Object found = byPrefix.get(matchPath, 0, end);
      if (found instanceof CompiledRule rule) {
        if (rule.conditionsHold(matchPath, request)) {
          return rule;
        }
      } else if (found != null) {
        for (CompiledRule rule : (CompiledRule[]) found) {
          if (rule.conditionsHold(matchPath, request)) {
            return rule;
          }
        }
      }
      if (end == 1) {
        return null;
      }
      int slash = matchPath.lastIndexOf('/', end - 1);
      end = slash == 0 ? 1 : slash;
    }
  }
}
