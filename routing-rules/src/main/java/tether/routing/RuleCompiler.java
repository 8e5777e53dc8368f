package tether.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tether.routing.CompiledRule.HostKind;
import tether.routing.NormalizedPath.Valid;

/**
 * Checks one {@link RuleSpec} and compiles it. Every problem is added to the shared error list, as
 * {@code rule 3 (api): prefix: "api" (expected: ...)}, so a whole list is reported in one go.
 */
final class RuleCompiler {

  private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
  private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

  private final List<String> errors;
  private final PathNormalizer normalizer;
  private String label;

  RuleCompiler(List<String> errors, PathNormalizer normalizer) {
    this.errors = errors;
    this.normalizer = normalizer;
  }

  /** The compiled rule, or {@code null} if it has errors (which are then in the list). */
  CompiledRule compile(int index, RuleSpec spec) {
    if (spec == null) {
      errors.add("rule " + index + ": null (expected: a rule)");
      return null;
    }
    label = spec.label(index);
    int errorsBefore = errors.size();
    if (spec.name() != null && spec.name().isBlank()) {
      error("name", quote(spec.name()), "a non-blank name, or none");
    }
    HostKind hostKind = HostKind.ANY;
    String hostKey = null;
    String host = spec.host() == null ? "*" : HostNames.canonical(spec.host());
    if (host.startsWith("*.") && HostNames.isValidExact(host.substring(2))) {
      hostKind = HostKind.WILDCARD;
      hostKey = host.substring(2);
    } else if (!host.equals("*")) {
      hostKind = HostKind.EXACT;
      hostKey = host;
      if (!HostNames.isValidExact(host)) {
        error("host", quote(spec.host()), HostNames.EXPECTED);
      }
    }
    String exactPath = spec.path() == null ? null : normalPath("path", spec.path());
    String prefix = spec.prefix() != null ? normalPath("prefix", spec.prefix())
        : exactPath != null ? exactPath : "/";
    prefix = prefix == null ? null : withoutTrailingSlash(prefix);
    if (exactPath != null && prefix != null && spec.prefix() != null && !isUnder(exactPath, prefix)) {
      error("path", quote(spec.path()), "a path under the prefix " + prefix + ", or the rule never matches");
    }
    Conditions conditions = new Conditions(exactPath, regex("path-regex", spec.pathRegex()),
        methods(spec.methods()), headers(spec.headers()), query(spec.query()));
    checkAction(spec.action());
    PathRewrite rewrite = rewrite(spec, prefix);
    if (spec.affinity() != null && spec.affinity().isBlank()) {
      error("affinity", quote(spec.affinity()), "the name of an affinity policy, or none");
    }
    checkTimeouts(spec.timeouts());
    checkHeaderOps("request-headers", spec.requestHeaders());
    checkHeaderOps("response-headers", spec.responseHeaders());
    if (errors.size() > errorsBefore) {
      return null;
    }
    return new CompiledRule(index, spec, hostKind, hostKey, prefix, conditions.isEmpty() ? null : conditions, rewrite);
  }

  /** The normalised path, or {@code null} after reporting why it is not one. */
  private String normalPath(String field, String value) {
    NormalizedPath normalized = normalizer.normalize(value);
    if (normalized instanceof NormalizedPath.Invalid invalid) {
      error(field, quote(value), "a path starting with /, in normal form; but the " + invalid.reason());
      return null;
    }
    Valid valid = (Valid) normalized;
    if (!valid.matchPath().equals(valid.forwardPath())) {
      error(field, quote(value), "a path without ;parameters");
      return null;
    }
    if (!valid.forwardPath().equals(value)) {
      error(field, quote(value), "its normal form " + quote(valid.forwardPath()));
      return null;
    }
    return value;
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static boolean isUnder(String path, String prefix) {
    return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private Pattern regex(String field, String regex) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      error(field, quote(regex), "a valid regular expression; " + e.getDescription() + " at index " + e.getIndex());
      return null;
    }
  }

  private Set<String> methods(Set<String> methods) {
    Set<String> upper = new LinkedHashSet<>();
    for (String method : methods) {
      if (!isToken(method)) {
        error("methods", quote(method), "HTTP method names such as GET or POST");
      } else {
        upper.add(method.toUpperCase(Locale.ROOT));
      }
    }
    return Set.copyOf(upper);
  }

  private Conditions.Header[] headers(List<HeaderMatch> headers) {
    List<Conditions.Header> compiled = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      HeaderMatch match = headers.get(i);
      String field = "headers[" + i + "]";
      if (match == null) {
        error(field, "null", "a header condition");
        continue;
      }
      if (!isToken(match.name())) {
        error(field + ".name", quote(match.name()), "a header name");
      }
      if (match.equals() != null && match.regex() != null) {
        error(field + ".regex", quote(match.regex()), "either equals or regex, not both");
      }
      Pattern regex = regex(field + ".regex", match.regex());
      if (match.name() != null) {
        compiled.add(new Conditions.Header(match.name().toLowerCase(Locale.ROOT), match.equals(), regex));
      }
    }
    return compiled.toArray(new Conditions.Header[0]);
  }

  private QueryMatch[] query(List<QueryMatch> query) {
    for (int i = 0; i < query.size(); i++) {
      QueryMatch match = query.get(i);
      if (match == null) {
        error("query[" + i + "]", "null", "a query condition");
      } else if (match.name() == null || match.name().isEmpty()) {
        error("query[" + i + "].name", quote(match.name()), "a parameter name");
      }
    }
    return query.toArray(new QueryMatch[0]);
  }

  private void checkAction(Action action) {
    if (action == null) {
      error("action", "null", "one of forward, split, redirect, respond");
    } else if (action instanceof Action.Forward forward) {
      checkPool("forward", forward.pool());
    } else if (action instanceof Action.Split split) {
      checkSplit(split);
    } else if (action instanceof Action.Redirect redirect) {
      if (!REDIRECT_STATUSES.contains(redirect.status())) {
        error("redirect.status", String.valueOf(redirect.status()), "one of 301, 302, 303, 307, 308");
      }
      String problem = LocationTemplate.problem(redirect.location());
      if (problem != null) {
        error("redirect.location", quote(redirect.location()), problem);
      } else if (redirect.needsServer()) {
        checkPool("redirect.pool", redirect.pool());
      } else if (redirect.pool() != null) {
        error("redirect.pool", quote(redirect.pool()), "none, since the location has no {server}");
      }
    } else if (action instanceof Action.Respond respond) {
      if (respond.status() < 200 || respond.status() > 599) {
        error("respond.status", String.valueOf(respond.status()), "200 to 599");
      }
      String type = respond.contentType();
      boolean hasBody = respond.body() != null && !respond.body().isEmpty();
      if ((hasBody && (type == null || type.isBlank())) || (type != null && !isHeaderValue(type))) {
        error("respond.content-type", quote(respond.contentType()), "a media type such as text/plain, needed with a body");
      }
    }
  }

  private void checkSplit(Action.Split split) {
    long total = 0;
    Set<String> pools = new HashSet<>();
    for (int i = 0; i < split.shares().size(); i++) {
      Action.Share share = split.shares().get(i);
      String field = "split[" + i + "]";
      if (share == null) {
        error(field, "null", "a pool and a weight");
        continue;
      }
      checkPool(field + ".pool", share.pool());
      if (share.pool() != null && !pools.add(share.pool())) {
        error(field + ".pool", quote(share.pool()), "each pool once per split");
      }
      if (share.weight() < 0) {
        error(field + ".weight", String.valueOf(share.weight()), ">= 0");
      } else {
        total += share.weight();
      }
    }
    if (total <= 0) {
      error("split", split.shares().size() + " shares, total weight 0", "at least one share with weight > 0");
    } else if (total > Integer.MAX_VALUE) {
      error("split", "total weight " + total, "<= " + Integer.MAX_VALUE);
    }
  }

  private void checkPool(String field, String pool) {
    if (pool == null || pool.isBlank()) {
      error(field, quote(pool), "a pool name");
    }
  }

  private PathRewrite rewrite(RuleSpec spec, String prefix) {
    String replacement = null;
    if (spec.replacePrefix() != null) {
      replacement = normalPath("replace-prefix", spec.replacePrefix());
      replacement = replacement == null ? null : withoutTrailingSlash(replacement);
      if (spec.stripPrefix()) {
        error("replace-prefix", quote(spec.replacePrefix()), "not together with strip-prefix");
      }
    }
    RegexRewrite rewrite = spec.rewrite();
    Pattern regex = null;
    if (rewrite != null) {
      regex = regex("rewrite.regex", rewrite.regex());
      if (rewrite.regex() == null) {
        error("rewrite.regex", "null", "a regular expression");
      }
      String groupProblem = regex == null ? null : groupProblem(rewrite.replacement(), regex);
      if (groupProblem != null) {
        error("rewrite.replacement", quote(rewrite.replacement()), groupProblem);
      }
    }
    if (!spec.stripPrefix() && replacement == null && regex == null) {
      return null;
    }
    int segments = prefix == null || prefix.equals("/") ? 0 : (int) prefix.chars().filter(c -> c == '/').count();
    return new PathRewrite(segments, spec.stripPrefix(), replacement, regex, rewrite == null ? null : rewrite.replacement());
  }

  private static String groupProblem(String replacement, Pattern regex) {
    String expected = "a replacement whose $ refers to groups $0 to $" + regex.matcher("").groupCount()
        + " (write \\$ for a literal $)";
    if (replacement == null) {
      return "a replacement (may be empty)";
    }
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        if (++i == replacement.length()) {
          return expected;
        }
      } else if (c == '$') {
        int group = i + 1 < replacement.length() ? Character.digit(replacement.charAt(i + 1), 10) : -1;
        if (group < 0 || group > regex.matcher("").groupCount()) {
          return expected;
        }
      }
    }
    return null;
  }

  private void checkTimeouts(Map<String, Duration> timeouts) {
    for (Map.Entry<String, Duration> e : timeouts.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        error("timeouts", quote(e.getKey()), "a timeout name");
      } else if (e.getValue() == null || e.getValue().isNegative()) {
        error("timeouts." + e.getKey(), String.valueOf(e.getValue()), "a duration >= 0");
      }
    }
  }

  private void checkHeaderOps(String field, List<HeaderOp> ops) {
    for (int i = 0; i < ops.size(); i++) {
      HeaderOp op = ops.get(i);
      String at = field + "[" + i + "]";
      if (op == null || op.kind() == null) {
        error(at, String.valueOf(op), "add, set or remove of a header");
      } else if (!isToken(op.name())) {
        error(at + ".name", quote(op.name()), "a header name");
      } else if (op.kind() == HeaderOp.Kind.REMOVE ? op.value() != null : !isHeaderValue(op.value())) {
        error(at + ".value", quote(op.value()), op.kind() == HeaderOp.Kind.REMOVE
            ? "no value for remove" : "a value without control characters");
      }
    }
  }

  private static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || TOKEN_CHARS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHeaderValue(String s) {
    return s != null && s.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f));
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private void error(String field, String value, String expected) {
    errors.add(label + ": " + field + ": " + value + " (expected: " + expected + ")");
  }
}
