package tether.proxy.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tether.routing.Action;
import tether.routing.HeaderMatch;
import tether.routing.HeaderOp;
import tether.routing.QueryMatch;
import tether.routing.RuleSpec;

/**
 * The routing rules as the admin API shows and replaces them: {@code {"rules": [...]}}, each rule
 * written with the keys of a {@code tether.routes} element, and read back with the same readers and
 * checks as a configuration file, so a table that installs from the API would load from a file too.
 */
public final class RouteJson {

  /** How problems name the text read, in place of a file name. */
  static final String ORIGIN = "request body";

  private static final String RULES = "rules";
  /**
   * Where the rules in force come from, {@code config} or {@code runtime}: written by the admin plane
   * next to the rules, and ignored when read back, so that what GET returns can be PUT unchanged.
   */
  public static final String SOURCE = "source";
  private static final String RULES_EXPECTED = "a list of rules, [] for none";
  private static final String BODY_EXPECTED = "an object, {\"rules\": [...]}";
  private static final ConfigOrigin BODY = ConfigOriginFactory.newFile(ORIGIN);
  // Env variables and includes would let a caller read the proxy's environment and files.
  private static final ConfigParseOptions PARSE = ConfigParseOptions.defaults()
      .setOriginDescription(ORIGIN)
      .setIncluder(new NoIncludes());
  private static final ConfigResolveOptions RESOLVE = ConfigResolveOptions.noSystem();

  private RouteJson() {}

  /**
   * The rules as JSON-able data: {@code {"rules": [ {...}, ... ]}}, each rule with exactly the keys
   * {@link RuleReader} reads (only those set), values as strings, numbers, booleans, lists and maps.
   * Durations are written as the configuration takes them ({@code "30s"}, {@code "1500ms"}). Within
   * {@code set} and within {@code add} of a header edit, a JSON text on one line gives the reader no
   * order (a config object's members are taken in the order of their lines), so these come back by
   * header name; edits of different headers do not depend on each other's order.
   */
  public static Map<String, Object> write(List<RuleSpec> rules) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(RULES, rules.stream().map(RouteJson::rule).toList());
    return body;
  }

  /**
   * Reads {@code {"rules": [...]}} (JSON, or HOCON since it is a superset) with the same rules and
   * checks as a config file's {@code tether.routes}, against the running pools. Substitutions may
   * name only values of the text itself, and includes are refused.
   *
   * @throws InvalidConfigException listing every problem, one line each, in the config's usual
   *     {@code ORIGIN:LINE: KEY: message (expected: ...)} format, the origin being {@code request body}
   *     and keys such as {@code rules[2].pool}
   */
  public static List<RuleSpec> read(String text, Map<String, PoolConfig> pools) {
    Problems problems = new Problems(ORIGIN);
    ConfigObject body = parse(text, problems);
    List<RuleSpec> rules = body == null ? List.of() : rules(body, pools, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.lines());
    }
    return rules;
  }

  private static List<RuleSpec> rules(ConfigObject body, Map<String, PoolConfig> pools, Problems problems) {
    body.forEach((name, value) -> {
      if (!name.equals(RULES) && !name.equals(SOURCE)) {
        problems.add(value.origin(), ConfigUtil.joinPath(name), "unknown key (expected: " + RULES + ")");
      }
    });
    ConfigValue rules = body.get(RULES);
    if (rules == null) {
      problems.add(body.origin(), RULES, "missing (expected: " + RULES_EXPECTED + ")");
      return List.of();
    }
    if (!(rules instanceof ConfigList list)) {
      problems.bad(rules, RULES, RULES_EXPECTED);
      return List.of();
    }
    UnknownKeys.checkRoutes(list, RULES, problems);
    return RouteMapper.map(list, RULES, problems, pools, List.copyOf(pools.keySet()));
  }

  /** The body as an object whose values are located on lines of {@link #ORIGIN}, or null after a problem. */
  private static ConfigObject parse(String text, Problems problems) {
    ConfigObject parsed;
    try {
      parsed = ConfigFactory.parseString(text, PARSE).root();
    } catch (ConfigException.Parse | ConfigException.WrongType e) {
      ConfigValue value = asValue(text);
      if (value != null) {
        problems.file(Problems.render(value) + " (expected: " + BODY_EXPECTED + ")");
      } else {
        problems.add(e.origin() == null ? null : located(e.origin()), "syntax error", detail(e));
      }
      return null;
    } catch (ConfigException e) {
      // An include, refused by NoIncludes; Typesafe gives it no origin.
      problems.file(e.getMessage());
      return null;
    }
    try {
      return (ConfigObject) located(parsed.toConfig().resolve(RESOLVE).root());
    } catch (ConfigException e) {
      problems.add(e.origin() == null ? null : located(e.origin()), "substitution", detail(e));
      return null;
    }
  }

  /**
   * The body when it is a value other than an object, null otherwise. The config parser refuses such
   * a body with a message about keys, which would puzzle a caller who sent JSON such as {@code 42}.
   */
  private static ConfigValue asValue(String text) {
    try {
      ConfigValue value = ConfigFactory.parseString("{\"body\": " + text + "\n}", PARSE).root().get("body");
      return value instanceof ConfigObject ? null : value;
    } catch (ConfigException e) {
      return null;
    }
  }

  /**
   * The value with every origin a line of {@link #ORIGIN}. Problems print a file's origins as
   * {@code FILE:LINE} and a string's without the line; the body reads best like a file.
   */
  private static ConfigValue located(ConfigValue value) {
    ConfigOrigin origin = located(value.origin());
    if (value instanceof ConfigObject object) {
      Map<String, ConfigValue> members = new HashMap<>();
      object.forEach((name, member) -> members.put(name, located(member)));
      return ConfigValueFactory.fromMap(members).withOrigin(origin);
    }
    if (value instanceof ConfigList list) {
      return ConfigValueFactory.fromIterable(list.stream().map(RouteJson::located).toList()).withOrigin(origin);
    }
    return value.withOrigin(origin);
  }

  private static ConfigOrigin located(ConfigOrigin origin) {
    return BODY.withLineNumber(origin.lineNumber());
  }

  /** Typesafe's message without the origin it starts with, which the problem line already shows. */
  private static String detail(ConfigException e) {
    String message = e.getMessage();
    String prefix = e.origin() == null ? null : e.origin().description() + ": ";
    return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static Map<String, Object> rule(RuleSpec rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", rule.name());
    put(out, "priority", rule.priority());
    put(out, "host", rule.host());
    put(out, "prefix", rule.prefix());
    put(out, "path", rule.path());
    put(out, "path-regex", rule.pathRegex());
    if (!rule.methods().isEmpty()) {
      out.put("methods", List.copyOf(rule.methods()));
    }
    if (!rule.headers().isEmpty()) {
      out.put("headers", rule.headers().stream().map(RouteJson::header).toList());
    }
    if (!rule.query().isEmpty()) {
      out.put("query", rule.query().stream().map(RouteJson::query).toList());
    }
    action(out, rule.action());
    if (rule.stripPrefix()) {
      out.put("strip-prefix", true);
    }
    put(out, "replace-prefix", rule.replacePrefix());
    if (rule.rewrite() != null) {
      Map<String, Object> rewrite = new LinkedHashMap<>();
      put(rewrite, "regex", rule.rewrite().regex());
      put(rewrite, "replacement", rule.rewrite().replacement());
      out.put("rewrite", rewrite);
    }
    put(out, "affinity", rule.affinity());
    if (!rule.timeouts().isEmpty()) {
      Map<String, Object> timeouts = new LinkedHashMap<>();
      rule.timeouts().forEach((name, timeout) -> put(timeouts, name, timeout == null ? null : duration(timeout)));
      out.put("timeouts", timeouts);
    }
    headerEdits(out, "request-headers", rule.requestHeaders());
    headerEdits(out, "response-headers", rule.responseHeaders());
    return out;
  }

  private static Map<String, Object> header(HeaderMatch header) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", header.name());
    put(out, "equals", header.equals());
    put(out, "regex", header.regex());
    return out;
  }

  private static Map<String, Object> query(QueryMatch query) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", query.name());
    put(out, "equals", query.equals());
    return out;
  }

  private static void action(Map<String, Object> out, Action action) {
    if (action instanceof Action.Forward forward) {
      put(out, "pool", forward.pool());
    } else if (action instanceof Action.Split split) {
      out.put("split", split.shares().stream().map(share -> {
        Map<String, Object> one = new LinkedHashMap<>();
        put(one, "pool", share.pool());
        one.put("weight", share.weight());
        return one;
      }).toList());
    } else if (action instanceof Action.Redirect redirect) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", redirect.status());
      put(one, "location", redirect.location());
      put(one, "pool", redirect.pool());
      out.put("redirect", one);
    } else if (action instanceof Action.Respond respond) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", respond.status());
      put(one, "content-type", respond.contentType());
      put(one, "body", respond.body());
      out.put("respond", one);
    }
  }

  /**
   * As the file writes them: {@code remove}, {@code set}, {@code add}, which is also the order
   * {@link RuleReader} applies them in; a header added several times has a list of values.
   */
  private static void headerEdits(Map<String, Object> out, String key, List<HeaderOp> ops) {
    List<String> remove = new ArrayList<>();
    Map<String, Object> set = new LinkedHashMap<>();
    Map<String, List<String>> add = new LinkedHashMap<>();
    for (HeaderOp op : ops) {
      switch (op.kind()) {
        case REMOVE -> remove.add(op.name());
        case SET -> set.put(op.name(), op.value());
        case ADD -> add.computeIfAbsent(op.name(), name -> new ArrayList<>()).add(op.value());
      }
    }
    Map<String, Object> edits = new LinkedHashMap<>();
    if (!remove.isEmpty()) {
      edits.put("remove", remove);
    }
    if (!set.isEmpty()) {
      edits.put("set", set);
    }
    if (!add.isEmpty()) {
      Map<String, Object> values = new LinkedHashMap<>();
      add.forEach((name, list) -> values.put(name, list.size() == 1 ? list.get(0) : list));
      edits.put("add", values);
    }
    if (!edits.isEmpty()) {
      out.put(key, edits);
    }
  }

  /** Whole seconds as {@code 30s}, else milliseconds or nanoseconds, so the text reads back exactly. */
  static String duration(Duration duration) {
    if (duration.getNano() == 0) {
      return duration.getSeconds() + "s";
    }
    if (duration.getNano() % 1_000_000 == 0) {
      return duration.toMillis() + "ms";
    }
    return duration.toNanos() + "ns";
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** Refuses every include, whatever its kind; a plain includer would leave files and URLs to the default. */
  private static final class NoIncludes
      implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      throw refused();
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
      throw refused();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
      throw refused();
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      throw refused();
    }

    private static ConfigException refused() {
      return new ConfigException.Generic("include (expected: the rules themselves, without include)");
    }
  }
}
