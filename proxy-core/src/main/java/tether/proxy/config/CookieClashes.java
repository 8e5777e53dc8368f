package tether.proxy.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tether.routing.Action;
import tether.routing.RuleSpec;

/**
 * Finds pools that would overwrite each other's affinity cookie. A browser keeps one cookie per name,
 * path and domain, so two pools that pin sessions with the same one and that a client reaches on the
 * same host replace each other's cookie whenever the client goes from one to the other, and each time
 * the session moves to a server of the balancer's choice, losing what the last one held. Pools may
 * share a cookie when every rule that reaches one of them reaches the others too, as the splits of a
 * roll-out do: a split asks each of its pools whose the session is.
 */
public final class CookieClashes {

  /**
   * A rule that reaches a pool whose cookie another rule's pool already sets on the same hosts.
   *
   * @param rule    the index of the later rule
   * @param field   the rule's field that names the pool: {@code pool}, {@code split[i].pool} or {@code redirect.pool}
   * @param message {@code "api (expected: ...)"}: the pool, and what to do
   */
  public record Clash(int rule, String field, String message) {}

  /** The pools a rule reaches that pin sessions with a cookie, by the field that names each. */
  private record Reach(int rule, String host, Map<String, String> fieldByPool) {}

  /** What a browser tells cookies apart by. */
  private record Cookie(String name, String path, String domain) {}

  private CookieClashes() {}

  /**
   * Every clash among {@code rules}, at most one per pair of pools. Pools P and Q clash when they set
   * the same cookie and one rule reaches P but not Q on a host where another reaches Q: a session that
   * Q holds would be taken by P there. The clash is reported on the later of the two rules.
   */
  public static List<Clash> find(List<RuleSpec> rules, Map<String, PoolConfig> pools) {
    List<Reach> reaches = new ArrayList<>();
    Map<String, Cookie> cookies = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleSpec rule = rules.get(i);
      if (rule == null || "none".equals(rule.affinity())) {
        continue; // the route neither reads nor writes its pools' cookies
      }
      Map<String, String> fieldByPool = new LinkedHashMap<>();
      pooled(rule.action()).forEach((field, pool) -> {
        Cookie cookie = cookieOf(pools.get(pool));
        if (cookie != null) {
          cookies.put(pool, cookie);
          fieldByPool.putIfAbsent(pool, field);
        }
      });
      if (!fieldByPool.isEmpty()) {
        reaches.add(new Reach(i, host(rule.host()), fieldByPool));
      }
    }
    List<Clash> clashes = new ArrayList<>();
    Set<Set<String>> reported = new HashSet<>();
    for (Reach one : reaches) {
      for (Reach other : reaches) {
        for (String p : one.fieldByPool().keySet()) {
          for (String q : other.fieldByPool().keySet()) {
            Cookie cookie = cookies.get(p);
            boolean takes = !p.equals(q) && cookie.equals(cookies.get(q)) && !one.fieldByPool().containsKey(q)
                && (cookie.domain() != null || overlap(one.host(), other.host()));
            if (takes && reported.add(Set.of(p, q))) {
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
    clashes.sort(java.util.Comparator.comparingInt(Clash::rule));
    return clashes;
  }

  private static String message(String pool, String other, int otherRule, Cookie cookie, List<RuleSpec> rules) {
    String name = rules.get(otherRule).name();
    String rule = "rule " + otherRule + (name == null ? "" : " (" + name + ")");
    return pool + " (expected: a pool whose affinity cookie no other pool sets on the same hosts; pool "
        + other + ", which " + rule + " reaches, also pins sessions with the cookie " + cookie.name()
        + ", and each pool would take over the other's sessions and lose what their servers held: give one"
        + " of them its own affinity.cookie.name, or reach both only through the same splits)";
  }

  /** The pools an action sends to, by the field that names each; none for a fixed answer or redirect. */
  private static Map<String, String> pooled(Action action) {
    Map<String, String> named = new LinkedHashMap<>();
    if (action instanceof Action.Forward forward) {
      named.put("pool", forward.pool());
    } else if (action instanceof Action.Split split) {
      for (int i = 0; i < split.shares().size(); i++) {
        named.put("split[" + i + "].pool", split.shares().get(i).pool());
      }
    } else if (action instanceof Action.Redirect redirect && redirect.pool() != null && redirect.needsServer()) {
      named.put("redirect.pool", redirect.pool());
    }
    named.values().removeIf(Objects::isNull);
    return named;
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
