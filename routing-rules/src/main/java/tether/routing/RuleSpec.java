package tether.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One routing rule as written: what it matches and what it does. Nothing is checked here so that
 * {@link RouteTable#compile} can report every problem of every rule at once; build with
 * {@link #builder()}.
 *
 * @param name            optional label used in error messages and logs
 * @param priority        optional; rules that set it are tried before all others, highest first
 * @param host            exact host ({@code api.example.com}), wildcard ({@code *.example.com}),
 *                        or {@code null} / {@code *} for any host; case-insensitive, no port
 * @param prefix          path prefix matched on whole segments; {@code null} means {@code /}, or
 *                        {@link #path} when that is set
 * @param path            optional exact path (after normalisation, path parameters ignored)
 * @param pathRegex       optional regular expression searched for in the normalised path
 * @param methods         methods the rule accepts; empty accepts all
 * @param headers         header conditions; all must hold
 * @param query           query parameter conditions; all must hold
 * @param action          what to do with a matching request
 * @param stripPrefix     remove the matched prefix from the forwarded path
 * @param replacePrefix   optional path that replaces the matched prefix in the forwarded path
 * @param rewrite         optional regular-expression rewrite of the forwarded path
 * @param affinity        optional name of an affinity policy, passed through untouched
 * @param timeouts        named timeouts passed through untouched (e.g. {@code connect}, {@code response})
 * @param requestHeaders  header edits for the proxy to apply to the forwarded request
 * @param responseHeaders header edits for the proxy to apply to the response
 */
public record RuleSpec(
    String name,
    Integer priority,
    String host,
    String prefix,
    String path,
    String pathRegex,
    Set<String> methods,
    List<HeaderMatch> headers,
    List<QueryMatch> query,
    Action action,
    boolean stripPrefix,
    String replacePrefix,
    RegexRewrite rewrite,
    String affinity,
    Map<String, Duration> timeouts,
    List<HeaderOp> requestHeaders,
    List<HeaderOp> responseHeaders) {

  public RuleSpec {
    // Copies tolerate null elements on purpose: compile reports them with the rule's name.
    methods = methods == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(methods));
    headers = copy(headers);
    query = copy(query);
    timeouts = timeouts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(timeouts));
    requestHeaders = copy(requestHeaders);
    responseHeaders = copy(responseHeaders);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How the rule is named in messages: {@code rule 3 (api)} or {@code rule 3}. */
  String label(int index) {
    return name == null ? "rule " + index : "rule " + index + " (" + name + ")";
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** Collects a rule step by step; {@link #build()} does not validate. */
  public static final class Builder {
    private String name;
    private Integer priority;
    private String host;
    private String prefix;
    private String path;
    private String pathRegex;
    private final Set<String> methods = new LinkedHashSet<>();
    private final List<HeaderMatch> headers = new ArrayList<>();
    private final List<QueryMatch> query = new ArrayList<>();
    private Action action;
    private boolean stripPrefix;
    private String replacePrefix;
    private RegexRewrite rewrite;
    private String affinity;
    private final Map<String, Duration> timeouts = new LinkedHashMap<>();
    private final List<HeaderOp> requestHeaders = new ArrayList<>();
    private final List<HeaderOp> responseHeaders = new ArrayList<>();

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder pathRegex(String regex) {
      this.pathRegex = regex;
      return this;
    }

    public Builder methods(String... methods) {
      this.methods.addAll(List.of(methods));
      return this;
    }

    public Builder header(HeaderMatch condition) {
      headers.add(condition);
      return this;
    }

    public Builder query(QueryMatch condition) {
      query.add(condition);
      return this;
    }

    public Builder action(Action action) {
      this.action = action;
      return this;
    }

    public Builder forward(String pool) {
      return action(new Action.Forward(pool));
    }

    public Builder split(Action.Share... shares) {
      return action(new Action.Split(List.of(shares)));
    }

    public Builder redirect(int status, String location) {
      return action(new Action.Redirect(status, location, null));
    }

    /** A redirect whose location uses {@code {server}}: the server is chosen from {@code pool}. */
    public Builder redirect(int status, String location, String pool) {
      return action(new Action.Redirect(status, location, pool));
    }

    public Builder respond(int status, String contentType, String body) {
      return action(new Action.Respond(status, contentType, body));
    }

    public Builder stripPrefix() {
      this.stripPrefix = true;
      return this;
    }

    public Builder replacePrefix(String replacement) {
      this.replacePrefix = replacement;
      return this;
    }

    public Builder rewrite(String regex, String replacement) {
      this.rewrite = new RegexRewrite(regex, replacement);
      return this;
    }

    public Builder affinity(String affinity) {
      this.affinity = affinity;
      return this;
    }

    public Builder timeout(String name, Duration duration) {
      timeouts.put(name, duration);
      return this;
    }

    public Builder requestHeader(HeaderOp op) {
      requestHeaders.add(op);
      return this;
    }

    public Builder responseHeader(HeaderOp op) {
      responseHeaders.add(op);
      return this;
    }

    public RuleSpec build() {
      return new RuleSpec(name, priority, host, prefix, path, pathRegex, methods, headers, query,
          action, stripPrefix, replacePrefix, rewrite, affinity, timeouts, requestHeaders,
          responseHeaders);
    }
  }
}
