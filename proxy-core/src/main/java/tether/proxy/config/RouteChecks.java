package tether.proxy.config;

import com.typesafe.config.ConfigUtil;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tether.proxy.config.RouteSource.Located;
import tether.routing.Action;
import tether.routing.RouteTable;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

/**
 * Checks the rules read from {@code tether.routes} as a whole: compiles them as the proxy will, so a
 * file that passes here installs, and checks the pools they name against {@code tether.pools}.
 * Every problem lands on the key and line of the file that holds the value.
 */
final class RouteChecks {

  private static final Pattern RULE = Pattern.compile("\\brule (\\d{1,9})\\b");

  private RouteChecks() {}

  /**
   * Compiles {@code rules} with {@link RouteTable#compile} and reports each of its errors. Their
   * {@code rule N} is the index in {@code rules}, which may leave out elements of the file, so each
   * is named by its element instead ({@code routes[4] (api)}).
   */
  static void compile(List<RouteSource> rules, Problems problems) {
    try {
      RouteTable.compile(rules.stream().map(RouteSource::spec).toList());
    } catch (RouteTableException e) {
      e.errors().forEach(error -> report(error, rules, problems));
    }
  }

  /** {@code rule 3 (api): headers[0].regex: "(" (expected: ...)} becomes a problem on that key. */
  private static void report(String error, List<RouteSource> rules, Problems problems) {
    Matcher rule = RULE.matcher(error);
    int index = rule.lookingAt() ? Integer.parseInt(rule.group(1)) : -1;
    String label = index >= 0 && index < rules.size() ? label(index, rules.get(index).spec()) + ": " : null;
    int colon = label != null && error.startsWith(label) ? error.indexOf(": ", label.length()) : -1;
    if (colon < 0) {
      // Not the documented form; keep it whole rather than lose it.
      problems.add(null, "tether.routes", relabel(error, rules));
      return;
    }
    Located at = rules.get(index).locate(error.substring(label.length(), colon));
    problems.add(at.origin(), at.key(), relabel(error.substring(colon + 2), rules));
  }

  /**
   * Names the rules that a message refers to ({@code rule 0 (api)}) by their elements. Only in the
   * expected part, which comes last: the value before it is the user's and is left as written.
   */
  private static String relabel(String message, List<RouteSource> rules) {
    Matcher rule = RULE.matcher(message);
    StringBuilder out = new StringBuilder();
    int done = Math.max(0, message.lastIndexOf(" (expected: "));
    out.append(message, 0, done);
    rule.region(done, message.length());
    while (rule.find()) {
      int index = Integer.parseInt(rule.group(1));
      if (index < rules.size() && message.startsWith(label(index, rules.get(index).spec()), rule.start())) {
        out.append(message, done, rule.start()).append(rules.get(index).label());
        done = rule.start() + label(index, rules.get(index).spec()).length();
      }
    }
    return out.append(message.substring(done)).toString();
  }

  /** How routing-rules names a rule in its messages. */
  private static String label(int index, RuleSpec spec) {
    return spec.name() == null ? "rule " + index : "rule " + index + " (" + spec.name() + ")";
  }

  /**
   * Every pool a rule sends to must be one written under {@code tether.pools}, and a redirect to
   * {@code {server}} needs a public URL for every server of its pool. {@code pools} holds the valid
   * pools; {@code poolNames} every pool written, valid or not, so a bad pool is reported once, where
   * it is defined, rather than again by every route naming it.
   */
  static void pools(List<RouteSource> rules, Map<String, PoolConfig> pools, List<String> poolNames,
      Problems problems) {
    String expected = poolNames.isEmpty()
        ? "the name of a pool defined under tether.pools"
        : "one of " + String.join(", ", poolNames);
    for (RouteSource rule : rules) {
      ActionPools.byField(rule.spec().action())
          .forEach((field, pool) -> known(rule, field, pool, poolNames, expected, problems));
      if (rule.spec().action() instanceof Action.Redirect redirect && redirect.pool() != null
          && redirect.needsServer()) {
        publicUrls(rule, pools.get(redirect.pool()), problems);
      }
    }
  }

  /** Pools that would take over each other's sessions by sharing a cookie; see {@link CookieClashes}. */
  static void cookies(List<RouteSource> rules, Map<String, PoolConfig> pools, Problems problems) {
    for (CookieClashes.Clash clash : CookieClashes.find(rules.stream().map(RouteSource::spec).toList(), pools)) {
      Located at = rules.get(clash.rule()).locate(clash.field());
      problems.add(at.origin(), at.key(), relabel(clash.message(), rules));
    }
  }

  private static void known(RouteSource rule, String field, String pool, List<String> poolNames, String expected,
      Problems problems) {
    // A blank name is refused by compile.
    if (pool != null && !pool.isBlank() && !poolNames.contains(pool)) {
      Located at = rule.locate(field);
      problems.add(at.origin(), at.key(), ConfigUtil.quoteString(pool) + " (expected: " + expected + ")");
    }
  }

  private static void publicUrls(RouteSource rule, PoolConfig pool, Problems problems) {
    if (pool == null) {
      return;
    }
    List<String> without = pool.servers().stream().filter(s -> s.publicUrl() == null).map(ServerConfig::id).toList();
    if (!without.isEmpty()) {
      Located at = rule.locate("redirect.pool");
      problems.add(at.origin(), at.key(), ConfigUtil.quoteString(pool.name())
          + " (expected: a pool whose servers all have a public-url, since the location uses {server}; "
          + String.join(", ", without) + (without.size() == 1 ? " has none)" : " have none)"));
    }
  }
}
