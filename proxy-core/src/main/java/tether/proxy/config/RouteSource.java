package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tether.routing.RuleSpec;

/**
 * One element of {@code tether.routes} and the rule read from it, kept together so that a problem the
 * routing-rules module finds in a rule field ({@code headers[1].regex}) can be reported at the key
 * and line of the file that holds it.
 *
 * @param key             the element's key, e.g. {@code tether.routes[3]}
 * @param object          the element as written
 * @param spec            the rule read from it
 * @param requestHeaders  where each of {@code spec.requestHeaders()} was written, in the same order
 * @param responseHeaders where each of {@code spec.responseHeaders()} was written, in the same order
 */
record RouteSource(String key, ConfigObject object, RuleSpec spec, List<Located> requestHeaders,
    List<Located> responseHeaders) {

  /** A key of the file and where its value is written. */
  record Located(String key, ConfigOrigin origin) {}

  private static final Pattern SEGMENT = Pattern.compile("([^\\[]+)((?:\\[\\d{1,9}])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");
  private static final Pattern OP = Pattern.compile("(request|response)-headers\\[(\\d{1,9})].*");

  RouteSource {
    requestHeaders = List.copyOf(requestHeaders);
    responseHeaders = List.copyOf(responseHeaders);
  }

  /** How other problems name this element: {@code routes[3] (api)} or {@code routes[3]}. */
  String label() {
    String element = key.substring(key.lastIndexOf('.') + 1);
    return spec.name() == null ? element : element + " (" + spec.name() + ")";
  }

  /**
   * The key and line of a rule field as routing-rules names it. Fields map onto keys of the same
   * name, except the forward action (key {@code pool}) and header edits, which the file writes as
   * maps and lists. A field that is not written (a missing redirect pool, say) is placed on the
   * line of the nearest enclosing value that is.
   */
  Located locate(String field) {
    Matcher op = OP.matcher(field);
    if (op.matches()) {
      List<Located> ops = op.group(1).equals("request") ? requestHeaders : responseHeaders;
      int index = Integer.parseInt(op.group(2));
      if (index < ops.size()) {
        return ops.get(index);
      }
    }
    String path = field.equals("forward") ? "pool" : field;
    ConfigValue value = object;
    ConfigOrigin origin = object.origin();
    for (String segment : path.split("\\.")) {
      Matcher parts = SEGMENT.matcher(segment);
      if (!parts.matches() || !(value instanceof ConfigObject members)) {
        break;
      }
      value = members.get(parts.group(1));
      Matcher indexes = INDEX.matcher(parts.group(2));
      while (value != null && indexes.find()) {
        int index = Integer.parseInt(indexes.group(1));
        value = value instanceof ConfigList list && index < list.size() ? list.get(index) : null;
      }
      if (value == null) {
        break;
      }
      origin = value.origin();
    }
    return new Located(key + "." + path, origin);
  }
}
