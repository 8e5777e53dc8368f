package tether.stickiness.appsession;

import java.util.List;
import tether.stickiness.AffinityRequest;

/**
 * Finds an application session id in a request: the first configured cookie present, else the path
 * parameter (as in {@code /cart;jsessionid=ABC.app2}), else the first configured query parameter. A
 * cookie wins over the URL, as in Tomcat. Finds the id's position without copying it, so a caller that
 * needs only part of it (the route) copies only that part.
 */
final class SessionIdReader {

  private final String[] cookieNames;
  private final String pathMarker;
  private final String[] queryParameters;

  /** @param pathParameter the path parameter's name, or null for none */
  SessionIdReader(List<String> cookieNames, String pathParameter, List<String> queryParameters) {
    this.cookieNames = cookieNames.toArray(String[]::new);
    this.pathMarker = pathParameter == null ? null : ";" + pathParameter + "=";
    this.queryParameters = queryParameters.toArray(String[]::new);
  }

  /** Where the id is: {@code text.substring(start, end)}; escaped if it came from the URL. */
  record Span(String text, int start, int end, boolean fromUrl) {

    int lastIndexOf(char c) {
      for (int i = end - 1; i >= start; i--) {
        if (text.charAt(i) == c) {
          return i;
        }
      }
      return -1;
    }

    /** The id itself, percent-decoded if it came from the URL. */
    String value() {
      String raw = text.substring(start, end);
      return fromUrl && raw.indexOf('%') >= 0 ? PercentDecoding.decode(raw) : raw;
    }
  }

  /** The session id's span, or null if the request carries none. */
  Span find(AffinityRequest request) {
    for (String name : cookieNames) {
      String value = request.cookie(name);
      if (value != null) {
        int start = 0;
        int end = value.length();
        if (end >= 2 && value.charAt(0) == '"' && value.charAt(end - 1) == '"') {
          start++;
          end--;
        }
        if (start < end) {
          return new Span(value, start, end, false);
        }
      }
    }
    if (pathMarker != null) {
      String path = request.rawPath();
      int at = path == null ? -1 : path.indexOf(pathMarker);
      if (at >= 0) {
        int start = at + pathMarker.length();
        int end = start;
        while (end < path.length() && path.charAt(end) != ';' && path.charAt(end) != '/') {
          end++;
        }
        if (start < end) {
          return new Span(path, start, end, true);
        }
      }
    }
    if (queryParameters.length > 0) {
      String query = request.rawQuery();
      if (query != null) {
        for (String name : queryParameters) {
          Span span = queryParameter(query, name);
          if (span != null) {
            return span;
          }
        }
      }
    }
    return null;
  }

  /** The first non-empty value of the parameter, or null. */
  static Span queryParameter(String query, String name) {
    int from = 0;
    while (from <= query.length()) {
      int end = query.indexOf('&', from);
      if (end < 0) {
        end = query.length();
      }
      int valueAt = from + name.length();
      if (valueAt < end && query.charAt(valueAt) == '=' && query.startsWith(name, from) && valueAt + 1 < end) {
        return new Span(query, valueAt + 1, end, true);
      }
      from = end + 1;
    }
    return null;
  }
}
