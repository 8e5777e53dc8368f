package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import tether.proxy.config.RouteSource.Located;
import tether.routing.HeaderMatch;
import tether.routing.HeaderOp;
import tether.routing.QueryMatch;
import tether.routing.RuleSpec;

/**
 * Reads one element of {@code tether.routes} into a {@link RuleSpec}. Only the shape of each value is
 * checked here (a string where a string belongs, a list where a list does); what the values mean is
 * left to {@link RouteChecks}, which compiles the rules with the code the proxy routes with.
 */
final class RuleReader {

  /** The one value of {@code affinity}: the route ignores its pool's affinity. */
  static final String AFFINITY_NONE = "none";
  static final String RESPONSE_TIMEOUT = "response";

  private static final String PATH = "a path starting with /";
  private static final String REGEX = "a regular expression";
  private static final String HEADER_NAME = "a header name";
  private static final String AFFINITY_EXPECTED =
      "none, which turns the pool's affinity off for this route; or no affinity key for the pool's";

  private final Section route;
  private final RuleSpec.Builder rule = RuleSpec.builder();

  private RuleReader(Section route) {
    this.route = route;
  }

  /** The rule as far as it could be read; every value that could not be read is a problem. */
  static RouteSource read(Section route) {
    RuleReader reader = new RuleReader(route);
    reader.conditions();
    reader.rule.action(ActionReader.read(route));
    reader.options();
    List<Located> request = reader.headerEdits("request-headers", reader.rule::requestHeader);
    List<Located> response = reader.headerEdits("response-headers", reader.rule::responseHeader);
    return new RouteSource(route.key(), route.object(), reader.rule.build(), request, response);
  }

  private void conditions() {
    rule.name(route.optionalString("name", "a label for messages"));
    if (route.has("priority")) {
      rule.priority(integer(route, "priority", 0, "an integer; rules with a priority are tried first, highest first"));
    }
    rule.host(route.optionalString("host", "an exact host, or a wildcard such as \"*.example.com\""));
    rule.path(route.optionalString("path", PATH));
    if (route.has("prefix") || !route.has("path")) {
      rule.prefix(route.string("prefix", "a path prefix starting with /, needed unless path is set"));
    }
    rule.pathRegex(route.optionalString("path-regex", REGEX));
    methods();
    each(route, "headers", "a list of header conditions", "an object with name, and equals or regex", this::header);
    each(route, "query", "a list of query parameter conditions", "an object with name, and optionally equals",
        this::query);
  }

  private void header(Section header) {
    rule.header(header == null ? HeaderMatch.present(null) : new HeaderMatch(header.string("name", HEADER_NAME),
        header.optionalString("equals", "the exact value"), header.optionalString("regex", REGEX)));
  }

  private void query(Section query) {
    rule.query(query == null ? QueryMatch.present(null)
        : new QueryMatch(query.string("name", "a parameter name"), query.optionalString("equals", "the value")));
  }

  private void methods() {
    String expected = "a list of HTTP methods such as [GET, POST]";
    ConfigList list = route.has("methods") ? route.list("methods", expected) : null;
    if (list == null) {
      return;
    }
    if (list.isEmpty()) {
      route.bad("methods", expected + ", or no methods key for any method");
    }
    for (int i = 0; i < list.size(); i++) {
      String method = Section.scalarString(list.get(i));
      if (method == null) {
        route.problems().bad(list.get(i), Section.element(route.key("methods"), i), "an HTTP method such as GET");
      } else {
        rule.methods(method);
      }
    }
  }

  private void options() {
    if (route.has("strip-prefix") && route.bool("strip-prefix")) {
      rule.stripPrefix();
    }
    rule.replacePrefix(route.optionalString("replace-prefix", PATH));
    Section rewrite = route.has("rewrite") ? route.child("rewrite", "an object with regex and replacement") : null;
    if (rewrite != null) {
      rule.rewrite(rewrite.string("regex", REGEX),
          rewrite.string("replacement", "the replacement, in which $1..$9 are the regex's groups"));
    }
    String affinity = route.optionalString("affinity", AFFINITY_EXPECTED);
    if (affinity != null && !affinity.equals(AFFINITY_NONE)) {
      route.bad("affinity", AFFINITY_EXPECTED);
    }
    rule.affinity(affinity);
    Section timeouts = route.has("timeouts") ? route.child("timeouts", "an object such as { response = 5s }") : null;
    if (timeouts != null && timeouts.has(RESPONSE_TIMEOUT)) {
      rule.timeout(RESPONSE_TIMEOUT, timeouts.duration(RESPONSE_TIMEOUT, false));
    }
  }

  /**
   * Reads {@code remove}, {@code set} and {@code add} in that order, so that a header both removed
   * and added ends up with the added value only; within each, in the order written.
   *
   * @return where each edit handed to {@code sink} was written, in the same order
   */
  private List<Located> headerEdits(String name, Consumer<HeaderOp> sink) {
    List<Located> where = new ArrayList<>();
    Section edits = route.has(name) ? route.child(name, "an object with add, set and remove") : null;
    if (edits == null) {
      return where;
    }
    ConfigList remove = edits.has("remove") ? edits.list("remove", "a list of header names") : null;
    for (int i = 0; remove != null && i < remove.size(); i++) {
      ConfigValue element = remove.get(i);
      String key = Section.element(edits.key("remove"), i);
      String header = Section.scalarString(element);
      if (header == null) {
        edits.problems().bad(element, key, HEADER_NAME);
      } else {
        sink.accept(HeaderOp.remove(header));
        where.add(new Located(key, element.origin()));
      }
    }
    headerValues(edits, "set", HeaderOp::set, sink, where);
    headerValues(edits, "add", HeaderOp::add, sink, where);
    return where;
  }

  /** {@code set} maps a header to one value; {@code add} to one value or a list of them. */
  private static void headerValues(Section edits, String kind, BiFunction<String, String, HeaderOp> op,
      Consumer<HeaderOp> sink, List<Located> where) {
    Section headers = edits.has(kind) ? edits.child(kind, "an object from header name to value") : null;
    if (headers == null) {
      return;
    }
    boolean lists = kind.equals("add");
    String expected = lists ? "a header value, or a list of them" : "a header value";
    for (String header : PoolMapper.declarationOrder(headers.object())) {
      ConfigValue value = headers.object().get(header);
      String key = headers.key(header);
      List<ConfigValue> values = lists && value instanceof ConfigList list ? list : List.of(value);
      for (ConfigValue one : values) {
        String text = Section.scalarString(one);
        if (text == null) {
          edits.problems().bad(one, key, expected);
        } else {
          sink.accept(op.apply(header, text));
          where.add(new Located(key, one.origin()));
        }
      }
    }
  }

  /**
   * Hands each element of the list {@code name} to {@code read}: an object as a section, anything
   * else as {@code null} after reporting it. {@code read} adds exactly one item to the rule for each,
   * a partial one if need be, so that rule fields such as {@code headers[2]} keep the indexes of the
   * file. Does nothing when the key is absent.
   */
  static void each(Section parent, String name, String expected, String elementExpected, Consumer<Section> read) {
    ConfigList list = parent.has(name) ? parent.list(name, expected) : null;
    for (int i = 0; list != null && i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(parent.key(name), i);
      if (element instanceof ConfigObject object) {
        read.accept(new Section(object, key, parent.problems()));
      } else {
        parent.problems().bad(element, key, elementExpected);
        read.accept(null);
      }
    }
  }

  /**
   * Any int, or {@code whenAbsent}; the range is for the routing rules to check. After a problem,
   * {@code whenAbsent} too: the rule is incomplete then and is not compiled.
   */
  static int integer(Section section, String name, int whenAbsent, String expected) {
    if (!section.has(name)) {
      return whenAbsent;
    }
    Long number = Section.wholeNumber(section.object().get(name));
    if (number == null || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      section.bad(name, expected);
      return whenAbsent;
    }
    return number.intValue();
  }
}
