package tether.routing;

import tether.routing.NormalizedPath.Valid;

/** A rule after validation: everything the lookup needs, precomputed. Immutable. */
final class CompiledRule {

  enum HostKind { EXACT, WILDCARD, ANY }

  final int index;
  final RuleSpec spec;
  final HostKind hostKind;
  /** The exact host, or for a wildcard the domain after {@code *.}; {@code null} for any host. */
  final String hostKey;
  /** Normalised, without trailing slash except for the root. */
  final String prefix;
  /** {@code null} when the rule has no conditions beyond host and prefix. */
  final Conditions conditions;
  private final PathRewrite rewrite;

  CompiledRule(int index, RuleSpec spec, HostKind hostKind, String hostKey, String prefix,
      Conditions conditions, PathRewrite rewrite) {
    this.index = index;
    this.spec = spec;
    this.hostKind = hostKind;
    this.hostKey = hostKey;
    this.prefix = prefix;
    this.conditions = conditions;
    this.rewrite = rewrite;
  }

  /** Whether the lower-case host {@code host[0, end)} matches; {@code end == 0} means no host. */
  boolean matchesHost(String host, int end) {
    return switch (hostKind) {
      case ANY -> true;
      case EXACT -> end == hostKey.length() && host.startsWith(hostKey);
      case WILDCARD -> end > hostKey.length() + 1
          && host.charAt(end - hostKey.length() - 1) == '.'
          && host.regionMatches(end - hostKey.length(), hostKey, 0, hostKey.length());
    };
  }

  /** Whether the prefix matches {@code matchPath} on whole segments. */
  boolean matchesPrefix(String matchPath) {
    return prefix.length() == 1
        || (matchPath.startsWith(prefix)
            && (matchPath.length() == prefix.length() || matchPath.charAt(prefix.length()) == '/'));
  }

  boolean conditionsHold(String matchPath, RouteRequest request) {
    return conditions == null || conditions.hold(matchPath, request);
  }

  RouteResult result(Valid path, PathNormalizer normalizer) {
    String forwardPath = rewrite == null ? path.forwardPath() : rewrite.apply(path, normalizer);
    if (forwardPath == null) {
      return new RouteResult.BadPath("the rewrite of " + spec.label(index) + " made an invalid path");
    }
    return new RouteResult.Routed(index, spec, forwardPath);
  }
}
