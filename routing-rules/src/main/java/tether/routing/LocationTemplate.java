package tether.routing;

/** The placeholders of a redirect location: checked once at compile time, expanded per request. */
final class LocationTemplate {

  static final String SERVER = "{server}";
  static final String PATH = "{path}";
  static final String QUERY = "{query}";

  private LocationTemplate() {}

  /** What is wrong with {@code template}, as an "expected" text, or {@code null} if nothing. */
  static String problem(String template) {
    if (template == null || template.isBlank()) {
      return "a URL or path, optionally with {server}, {path} and {query}";
    }
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        String placeholder = placeholderAt(template, i);
        if (placeholder == null) {
          return "only the placeholders {server}, {path} and {query}";
        }
        i += placeholder.length() - 1;
      } else if (c == '}' || c <= 0x20 || c >= 0x7f) {
        return "only the placeholders {server}, {path} and {query}, and no spaces, controls or non-ASCII";
      }
    }
    if (template.contains("?" + QUERY)) {
      return "{query} without a ? before it: it brings its own when the request has a query";
    }
    return null;
  }

  static String expand(String template, String server, String path, String rawQuery) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      String placeholder = c == '{' ? placeholderAt(template, i) : null;
      if (placeholder == null) {
        out.append(c);
        continue;
      }
      switch (placeholder) {
        case SERVER -> out.append(withoutTrailingSlash(server));
        case PATH -> out.append(path);
        default -> {
          if (rawQuery != null && !rawQuery.isEmpty()) {
            out.append('?').append(rawQuery);
          }
        }
      }
      i += placeholder.length() - 1;
    }
    return out.toString();
  }

  private static String placeholderAt(String template, int i) {
    for (String p : new String[] {SERVER, PATH, QUERY}) {
      if (template.startsWith(p, i)) {
        return p;
      }
    }
    return null;
  }

  private static String withoutTrailingSlash(String server) {
    if (server == null) {
      throw new IllegalArgumentException("server: null (expected: the chosen server's public URL)");
    }
    return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }
}
