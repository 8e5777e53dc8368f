package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports keys under {@code tether} that mean nothing, so that a misspelt key is an error rather than
 * a silently ignored line. Fixed sections are checked against reference.conf; pools and routes are
 * open (their names and list elements are the user's), so their members, and the members' own objects
 * and lists, are checked against the key sets their mappers read. {@code tether.keys.secrets} is open
 * too (its keys are key ids), and so are {@code add} and {@code set} of a route's header edits (their
 * keys are header names).
 */
final class UnknownKeys {

  private static final String POOLS = "tether.pools";
  private static final String ROUTES = "tether.routes";
  private static final String SECRETS = "tether.keys.secrets";
  private static final String TOKENS = "tether.admin.tokens";

  private final Problems problems;

  private UnknownKeys(Problems problems) {
    this.problems = problems;
  }

  /** Walks {@code tether}, the merged tree, against {@code reference}, the defaults' tree. */
  static void check(ConfigObject tether, ConfigObject reference, Problems problems) {
    new UnknownKeys(problems).walk(tether, reference, "tether");
  }

  private void walk(ConfigObject actual, ConfigObject reference, String key) {
    for (var entry : actual.entrySet()) {
      String childKey = key + "." + ConfigUtil.joinPath(entry.getKey());
      ConfigValue value = entry.getValue();
      ConfigValue known = reference.get(entry.getKey());
      if (known == null) {
        problems.add(value.origin(), childKey, "unknown key (expected: one of " + oneOf(reference.keySet()) + ")");
      } else if (childKey.equals(POOLS)) {
        pools(value);
      } else if (childKey.equals(ROUTES)) {
        routes(value, ROUTES);
      } else if (childKey.equals(TOKENS)) {
        elements(value, TOKENS, AdminMapper.TOKEN_KEYS);
      } else if (known.valueType() == ConfigValueType.OBJECT && value.valueType() == ConfigValueType.OBJECT
          && !childKey.equals(SECRETS)) {
        walk((ConfigObject) value, (ConfigObject) known, childKey);
      }
    }
  }

  /** Checks the rules of {@code routes}, a list that problems name {@code key}, as those of {@code tether.routes}. */
  static void checkRoutes(ConfigValue routes, String key, Problems problems) {
    new UnknownKeys(problems).routes(routes, key);
  }

  private void pools(ConfigValue pools) {
    if (!(pools instanceof ConfigObject object)) {
      return;
    }
    for (var pool : object.entrySet()) {
      String poolKey = ConfigUtil.joinPath("tether", "pools", pool.getKey());
      if (pool.getValue() instanceof ConfigObject members) {
        members(members, poolKey, PoolMapper.POOL_KEYS);
        elements(members.get("servers"), poolKey + ".servers", PoolMapper.SERVER_KEYS);
        affinity(members.get("affinity"), poolKey + ".affinity");
        for (var policy : PoolMapper.POLICY_KEYS.entrySet()) {
          if (members.get(policy.getKey()) instanceof ConfigObject settings) {
            members(settings, poolKey + "." + policy.getKey(), policy.getValue());
          }
        }
      }
    }
  }

  private void routes(ConfigValue routes, String listKey) {
    if (!(routes instanceof ConfigList list)) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof ConfigObject route) {
        String key = Section.element(listKey, i);
        members(route, key, RouteMapper.ROUTE_KEYS);
        for (var member : RouteMapper.OBJECT_KEYS.entrySet()) {
          if (route.get(member.getKey()) instanceof ConfigObject object) {
            members(object, key + "." + member.getKey(), member.getValue());
          }
        }
        for (var member : RouteMapper.ELEMENT_KEYS.entrySet()) {
          elements(route.get(member.getKey()), key + "." + member.getKey(), member.getValue());
        }
      }
    }
  }

  private void affinity(ConfigValue affinity, String key) {
    if (!(affinity instanceof ConfigObject object)) {
      return;
    }
    members(object, key, AffinityMapper.AFFINITY_KEYS);
    for (var settings : AffinityMapper.SETTINGS_KEYS.entrySet()) {
      if (object.get(settings.getKey()) instanceof ConfigObject members) {
        members(members, key + "." + settings.getKey(), settings.getValue());
      }
    }
  }

  private void elements(ConfigValue list, String listKey, Set<String> keys) {
    if (!(list instanceof ConfigList elements)) {
      return;
    }
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) instanceof ConfigObject element) {
        members(element, Section.element(listKey, i), keys);
      }
    }
  }

  private void members(ConfigObject object, String key, Set<String> keys) {
    for (var entry : object.entrySet()) {
      if (!keys.contains(entry.getKey())) {
        problems.add(entry.getValue().origin(), key + "." + ConfigUtil.joinPath(entry.getKey()),
            "unknown key (expected: one of " + oneOf(keys) + ")");
      }
    }
  }

  private static String oneOf(Set<String> keys) {
    return String.join(", ", new TreeSet<>(keys));
  }
}
