package tether.proxy.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tether.routing.RuleSpec;

/**
 * Finds pools that would take over each other's sessions through one cookie. A browser keeps one cookie
 * per name, path and domain, so when two pools pin sessions with the same one and each is reached, on a
 * host where the other is too, by a rule that does not reach the other, the client's cookie changes
 * hands whenever it goes from one rule to the other, and each time the session moves to a server of the
 * balancer's choice, losing what the last one held. Pools that every rule reaches together (the splits of
 * a roll-out) may share a cookie: a split asks each of its pools whose the session is. So may pools of
 * which only one is ever reached alone: a session moves from the other to it at most once, and a cookie
 * of its own would not keep it either.
 *
 * <p>Cookies are compared by name, path and domain as written: a host-only cookie and one for the
 * parent domain, or nested paths, are told apart here though a browser sends both.
 */
public final class CookieClashes {

  /**
   * A rule that reaches a pool whose cookie another pool sets on the same hosts.
   *
   * @param rule    the index of the later of the two rules
   * @param field   the rule's field that names the pool: {@code pool}, {@code split[i].pool} or {@code redirect.pool}
   * @param message {@code "api (expected: ...)"}: the pool, and what to do
   */
  public record Clash(int rule, String field, String message) {}

  /** The pools a rule reaches that pin sessions with a cookie, by the field that names each. */
  private record Reach(int rule, String host, boolean priority, Map<String, String> fieldByPool) {}

  /** What a browser tells cookies apart by. */
  private record Cookie(String name, String path, String domain) {}

  private CookieClashes() {}

  /** Every clash among {@code rules}, at most one per pair of pools, in the order of the rules. */
  public static List<Clash> find(List<RuleSpec> rules, Map<String, PoolConfig> pools) {
    List<Reach> reaches = new ArrayList<>();
    Map<String, Cookie> cookies = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleSpec rule = rules.get(i);
      if (rule == null) {
        continue;
      }
      if (catchAll(rule)) {
        closed.add(host(rule.host()));
      }
      if ("none".equals(rule.affinity())) {
        continue; // the route neither reads nor writes its pools' cookies
      }
      Map<String, String> fieldByPool = new LinkedHashMap<>();
      ActionPools.byField(rule.action()).forEach((field, pool) -> {
        Cookie cookie = cookieOf(pools.get(pool));
        if (cookie != null) {
          cookies.put(pool, cookie);
          fieldByPool.putIfAbsent(pool, field);
        }
      });
      if (!fieldByPool.isEmpty()) {
        reaches.add(new Reach(i, host(rule.host()), rule.priority() != null, fieldByPool));
      }
    }
    List<Clash> clashes = new ArrayList<>();
    Set<Set<String>> reported = new HashSet<>();
    for (Reach one : reaches) {
      for (Reach other : reaches) {
        for (String p : one.fieldByPool().keySet()) {
          for (String q : other.fieldByPool().keySet()) {
            Cookie cookie = cookies.get(p);
            boolean clash = !p.equals(q) && cookie.equals(cookies.get(q))
                && !one.fieldByPool().containsKey(q) && !other.fieldByPool().containsKey(p)
                && (cookie.domain() != null || meet(one, other, closed));
            if (clash && reported.add(Set.of(p, q))) {
              Reach later = one.rule() > other.rule() ? one : other;
              Reach earlier = later == one ? other : one;
              String pool = later == one ? p : q;
              String otherPool = later == one ? q : p;
              clashes.add(new Clash(later.rule(), later.fieldByPool().get(pool),
                  message(pool, otherPool, earlier.rule(), cookie, rules)));
            }
          }
        }
      }
    }
    clashes.sort(Comparator.comparingInt(Clash::rule));
    return clashes;
  }

  /**
   * Whether some request could be routed by either rule, as far as hosts tell: some host matches both
   * patterns, and it is not one whose own catch-all rule keeps the less specific rule from it (rules
   * with a priority are tried before every other, so nothing keeps them out).
   */
  private static boolean meet(Reach a, Reach b, Set<String> closed) {
    if (!overlap(a.host(), b.host())) {
      return false;
    }
    int sa = specificity(a.host());
    int sb = specificity(b.host());
    if (sa == sb) {
      return true;
    }
    Reach general = sa < sb ? a : b;
    Reach specific = general == a ? b : a;
    return general.priority() || !closed.contains(specific.host());
  }

  /** Any host 0, a wildcard 1, an exact host 2. */
  private static int specificity(String host) {
    return host == null ? 0 : host.startsWith("*.") ? 1 : 2;
  }

  /** A rule that takes every request to its host: any path, method, header and query, no priority. */
  private static boolean catchAll(RuleSpec rule) {
    return (rule.prefix() == null || rule.prefix().equals("/")) && rule.path() == null && rule.pathRegex() == null
        && rule.methods().isEmpty() && rule.headers().isEmpty() && rule.query().isEmpty() && rule.priority() == null;
  }

  private static String message(String pool, String other, int otherRule, Cookie cookie, List<RuleSpec> rules) {
    String name = rules.get(otherRule).name();
    String rule = "rule " + otherRule + (name == null ? "" : " (" + name + ")");
    return pool + " (expected: a pool whose affinity cookie no other pool sets on the same hosts; pool "
        + other + ", which " + rule + " reaches, also pins sessions with the cookie " + cookie.name()
        + ", and each pool would take over the other's sessions and lose what their servers held: give one"
        + " of them its own affinity.cookie.name)";
  }

  private static Cookie cookieOf(PoolConfig pool) {
    if (pool == null || !pool.affinity().strategies().contains(AffinityConfig.Strategy.COOKIE)) {
      return null;
    }
    AffinityConfig.CookieSettings cookie = pool.affinity().cookie();
    String domain = cookie.attributes().domain();
    return new Cookie(cookie.name(), cookie.attributes().path(), domain == null ? null : host(domain));
  }

  /** A rule's host in lower case without a final dot; null for any host. */
  private static String host(String host) {
    if (host == null || host.equals("*")) {
      return null;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** Whether some host matches both patterns: exact names, {@code *.suffix} wildcards, or null for any. */
  static boolean overlap(String a, String b) {
    if (a == null || b == null || a.equals(b)) {
      return true;
    }
    boolean wildA = a.startsWith("*.");
    boolean wildB = b.startsWith("*.");
    if (wildA && wildB) {
      return a.endsWith(b.substring(1)) || b.endsWith(a.substring(1));
    }
    if (wildA) {
      return b.endsWith(a.substring(1));
    }
    return wildB && a.endsWith(b.substring(1));
  }
}
