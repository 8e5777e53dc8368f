package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tether.routing.RuleSpec;

/**
 * Maps {@code tether.routes} into the routing rules of the routing-rules module, in declaration
 * order: {@link RuleReader} reads each element, {@link RouteChecks} checks the whole list.
 */
final class RouteMapper {

  static final Set<String> ROUTE_KEYS = Set.of("name", "priority", "host", "prefix", "path", "path-regex",
      "methods", "headers", "query", "pool", "split", "redirect", "respond", "strip-prefix", "replace-prefix",
      "rewrite", "affinity", "timeouts", "request-headers", "response-headers");

  /** The keys of a route's member objects; {@code add} and {@code set} of header edits are open maps. */
  static final Map<String, Set<String>> OBJECT_KEYS = Map.of(
      "redirect", Set.of("status", "location", "pool"),
      "respond", Set.of("status", "content-type", "body"),
      "rewrite", Set.of("regex", "replacement"),
      "timeouts", Set.of(RuleReader.RESPONSE_TIMEOUT),
      "request-headers", Set.of("add", "set", "remove"),
      "response-headers", Set.of("add", "set", "remove"));

  /** The keys of the objects in a route's member lists. */
  static final Map<String, Set<String>> ELEMENT_KEYS = Map.of(
      "headers", Set.of("name", "equals", "regex"),
      "query", Set.of("name", "equals"),
      "split", Set.of("pool", "weight"));

  private static final String ROUTE_EXPECTED = "an object with a prefix or path, and one of "
      + String.join(", ", ActionReader.ACTIONS);

  private RouteMapper() {}

  /**
   * The rules in declaration order. {@code pools} are the valid pools; {@code poolNames} all pools
   * written in the file, valid or not.
   */
  static List<RuleSpec> map(Section tether, Map<String, PoolConfig> pools, List<String> poolNames) {
    ConfigList list = tether.list("routes", "a list of routes");
    if (list == null) {
      return List.of();
    }
    return map(list, tether.key("routes"), tether.problems(), pools, poolNames);
  }

  /**
   * The rules of {@code list}, whose elements problems name {@code listKey[i]}: a file's
   * {@code tether.routes}, or the rules an admin request sends.
   */
  static List<RuleSpec> map(ConfigList list, String listKey, Problems problems, Map<String, PoolConfig> pools,
      List<String> poolNames) {
    List<RouteSource> read = new ArrayList<>();
    List<RouteSource> complete = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(listKey, i);
      if (!(element instanceof ConfigObject object)) {
        problems.bad(element, key, ROUTE_EXPECTED);
        continue;
      }
      int before = problems.size();
      RouteSource route = RuleReader.read(new Section(object, key, problems));
      read.add(route);
      // A rule missing a value it could not read would only draw the same problem again from compile.
      if (problems.size() == before) {
        complete.add(route);
      }
    }
    RouteChecks.compile(complete, problems);
    RouteChecks.pools(read, pools, poolNames, problems);
    RouteChecks.cookies(read, pools, problems);
    return read.stream().map(RouteSource::spec).toList();
  }
}
