package tether.routing;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule's extra conditions beyond host and prefix, compiled: exact path, path regex, methods,
 * headers, query. Checked cheapest first; the query is only read if everything else held.
 */
final class Conditions {

  /** A header condition with its name lower-cased and its regex compiled. */
  record Header(String lowerName, String equals, Pattern regex) {}

  private final String exactPath;
  private final Pattern pathRegex;
  private final Set<String> methods;
  private final Header[] headers;
  private final QueryMatch[] query;

  Conditions(String exactPath, Pattern pathRegex, Set<String> methods, Header[] headers, QueryMatch[] query) {
    this.exactPath = exactPath;
    this.pathRegex = pathRegex;
    this.methods = methods;
    this.headers = headers;
    this.query = query;
  }

  boolean isEmpty() {
    return exactPath == null && pathRegex == null && methods.isEmpty() && headers.length == 0 && query.length == 0;
  }

  boolean hold(String matchPath, RouteRequest request) {
    if (exactPath != null && !exactPath.equals(matchPath)) {
      return false;
    }
    if (!methods.isEmpty()) {
      String method = request.method();
      if (method == null || !methods.contains(method)) {
        return false;
      }
    }
    if (pathRegex != null && !pathRegex.matcher(matchPath).find()) {
      return false;
    }
    for (Header header : headers) {
      String value = request.header(header.lowerName());
      if (value == null
          || (header.equals() != null && !header.equals().equals(value))
          || (header.regex() != null && !header.regex().matcher(value).find())) {
        return false;
      }
    }
    if (query.length > 0) {
      String rawQuery = request.rawQuery();
      for (QueryMatch condition : query) {
        if (!QueryScanner.matches(rawQuery, condition.name(), condition.equals())) {
          return false;
        }
      }
    }
    return true;
  }
}
