package tether.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tether.routing.NormalizedPath.Valid;

/**
 * An immutable, compiled list of routing rules. Start here: {@link #compile} checks and indexes the
 * rules, {@link #route} picks the rule for a request. The order of precedence is described in this
 * module's README.md.
 *
 * <p>Exact hosts and wildcard domains are hash lookups, and within a host each prefix is a hash
 * lookup of the path cut at a segment boundary, so the cost of a lookup depends on the depth of the
 * path and of the host name, not on the number of rules. Rules with an explicit priority are the
 * exception: they are checked one by one before the index, so keep them few.
 */
public final class RouteTable {

  private final List<RuleSpec> rules;
  private final PathNormalizer normalizer;
  private final CompiledRule[] prioritized;
  /** Host to its rules by prefix ({@link PrefixIndex}). */
  private final RegionMap<RegionMap<Object>> exactHosts;
  /** The domain after {@code *.} to its rules by prefix. */
  private final RegionMap<RegionMap<Object>> wildcardDomains;
  private final boolean hasWildcards;
  private final RegionMap<Object> anyHost;
  private final Set<String> referencedPools;

  private RouteTable(List<RuleSpec> rules, List<CompiledRule> compiled, PathNormalizer normalizer) {
    this.rules = rules;
    this.normalizer = normalizer;
    this.prioritized = compiled.stream()
        .filter(rule -> rule.spec.priority() != null)
        .sorted(Comparator.comparingInt((CompiledRule rule) -> rule.spec.priority()).reversed()
            .thenComparingInt(rule -> rule.index))
        .toArray(CompiledRule[]::new);
    Map<String, Map<String, List<CompiledRule>>> exact = new HashMap<>();
    Map<String, Map<String, List<CompiledRule>>> wildcard = new HashMap<>();
    Map<String, List<CompiledRule>> any = new LinkedHashMap<>();
    for (CompiledRule rule : compiled) {
      if (rule.spec.priority() != null) {
        continue;
      }
      Map<String, List<CompiledRule>> byPrefix = switch (rule.hostKind) {
        case EXACT -> exact.computeIfAbsent(rule.hostKey, k -> new HashMap<>());
        case WILDCARD -> wildcard.computeIfAbsent(rule.hostKey, k -> new HashMap<>());
        case ANY -> any;
      };
      byPrefix.computeIfAbsent(rule.prefix, k -> new ArrayList<>()).add(rule);
    }
    this.exactHosts = groups(exact);
    this.wildcardDomains = groups(wildcard);
    this.hasWildcards = !wildcard.isEmpty();
    this.anyHost = any.isEmpty() ? null : PrefixIndex.build(any);
    Set<String> pools = new LinkedHashSet<>();
    rules.forEach(rule -> addPools(rule.action(), pools));
    this.referencedPools = Collections.unmodifiableSet(pools);
  }

  /** A table with no rules: every request gets {@link RouteResult#NO_ROUTE} (or a bad path). */
  public static RouteTable empty() {
    return compile(List.of());
  }

  /** Compiles {@code rules} with the default path limit of {@link PathNormalizer#DEFAULT_MAX_LENGTH}. */
  public static RouteTable compile(List<RuleSpec> rules) {
    return compile(rules, new PathNormalizer());
  }

  /**
   * Checks every rule, then indexes them.
   *
   * @throws RouteTableException listing every problem, each naming its rule by index (from 0) and name
   */
  public static RouteTable compile(List<RuleSpec> rules, PathNormalizer normalizer) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(normalizer, "normalizer");
    List<String> errors = new ArrayList<>();
    RuleCompiler compiler = new RuleCompiler(errors, normalizer);
    List<CompiledRule> compiled = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      CompiledRule rule = compiler.compile(i, rules.get(i));
      if (rule != null) {
        compiled.add(rule);
      }
    }
    checkAcrossRules(compiled, errors);
    if (!errors.isEmpty()) {
      throw new RouteTableException(errors);
    }
    return new RouteTable(List.copyOf(rules), compiled, normalizer);
  }

  /** Names must be unique, and a rule must not hide behind an earlier one that always matches first. */
  private static void checkAcrossRules(List<CompiledRule> compiled, List<String> errors) {
    Map<String, CompiledRule> names = new HashMap<>();
    Map<String, CompiledRule> catchAll = new HashMap<>();
    for (CompiledRule rule : compiled) {
      String name = rule.spec.name();
      CompiledRule sameName = name == null ? null : names.putIfAbsent(name, rule);
      if (sameName != null) {
        errors.add(rule.spec.label(rule.index) + ": name: \"" + name + "\" (expected: a name not used by "
            + sameName.spec.label(sameName.index) + ")");
      }
      if (rule.spec.priority() != null) {
        continue;
      }
      String place = rule.hostKind + " " + rule.hostKey + " " + rule.prefix;
      CompiledRule earlier = catchAll.get(place);
      if (earlier != null) {
        errors.add(rule.spec.label(rule.index) + ": prefix: \"" + rule.prefix + "\" (expected: a host and prefix"
            + " other than those of " + earlier.spec.label(earlier.index)
            + ", which has no other conditions and so always matches first)");
      } else if (rule.conditions == null) {
        catchAll.put(place, rule);
      }
    }
  }

  private static RegionMap<RegionMap<Object>> groups(Map<String, Map<String, List<CompiledRule>>> byHost) {
    Map<String, RegionMap<Object>> groups = new HashMap<>();
    byHost.forEach((host, byPrefix) -> groups.put(host, PrefixIndex.build(byPrefix)));
    return new RegionMap<>(groups);
  }

  private static void addPools(Action action, Set<String> pools) {
    if (action instanceof Action.Forward forward) {
      pools.add(forward.pool());
    } else if (action instanceof Action.Split split) {
      split.shares().forEach(share -> pools.add(share.pool()));
    } else if (action instanceof Action.Redirect redirect && redirect.pool() != null) {
      pools.add(redirect.pool());
    }
  }

  /** Routes one request; never throws for anything the client sent. */
  public RouteResult route(RouteRequest request) {
    NormalizedPath normalized = normalizer.normalize(request.rawPath());
    if (normalized instanceof NormalizedPath.Invalid invalid) {
      return new RouteResult.BadPath(invalid.reason());
    }
    Valid path = (Valid) normalized;
    CompiledRule rule = find(request, path.matchPath());
    return rule == null ? RouteResult.NO_ROUTE : rule.result(path, normalizer);
  }

  private CompiledRule find(RouteRequest request, String matchPath) {
    String host = request.host();
    int end = 0;
    if (host == null) {
      host = "";
    } else {
      end = HostNames.hostEnd(host);
      if (HostNames.hasUpperCase(host, end)) {
        host = host.substring(0, end).toLowerCase(Locale.ROOT);
        end = host.length();
      }
    }
    for (CompiledRule rule : prioritized) {
      if (rule.matchesHost(host, end) && rule.matchesPrefix(matchPath) && rule.conditionsHold(matchPath, request)) {
        return rule;
      }
    }
    if (end > 0) {
      RegionMap<Object> group = exactHosts.get(host, 0, end);
      CompiledRule rule = group == null ? null : PrefixIndex.find(group, matchPath, request);
      if (rule != null) {
        return rule;
      }
      // Longest domain first: *.a.example.com is more specific than *.example.com.
      for (int i = 1; hasWildcards && i < end; i++) {
        if (host.charAt(i) == '.') {
          group = wildcardDomains.get(host, i + 1, end);
          rule = group == null ? null : PrefixIndex.find(group, matchPath, request);
          if (rule != null) {
            return rule;
          }
        }
      }
    }
    return anyHost == null ? null : PrefixIndex.find(anyHost, matchPath, request);
  }

  /** Every pool named by a rule, so the caller can check they exist before installing the table. */
  public Set<String> referencedPools() {
    return referencedPools;
  }

  /** The rules as given to {@link #compile}, in order. */
  public List<RuleSpec> rules() {
    return rules;
  }

  PathNormalizer normalizer() {
    return normalizer;
  }
}
