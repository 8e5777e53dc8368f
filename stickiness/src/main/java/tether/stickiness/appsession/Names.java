package tether.stickiness.appsession;

import java.util.List;

/** Validation shared by the configs of this package. */
final class Names {

  static final String DEFAULT_COOKIE = "JSESSIONID";
  static final String DEFAULT_PATH_PARAMETER = "jsessionid";

  private Names() {}

  static List<String> cookieNames(List<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("cookieNames: null (expected: a list of cookie names, may be empty)");
    }
    for (String name : names) {
      if (!isToken(name)) {
        throw new IllegalArgumentException("cookieNames: " + names + " (expected: RFC 6265 cookie names)");
      }
    }
    return List.copyOf(names);
  }

  static List<String> queryParameters(List<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("queryParameters: null (expected: a list of names, may be empty)");
    }
    for (String name : names) {
      if (!isParameterName(name)) {
        throw new IllegalArgumentException("queryParameters: " + names
            + " (expected: names without = & ; / ? # or spaces)");
      }
    }
    return List.copyOf(names);
  }

  /** Null or empty means no path parameter. */
  static String pathParameter(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (!isParameterName(name)) {
      throw new IllegalArgumentException("pathParameter: " + name
          + " (expected: a name without = & ; / ? # or spaces)");
    }
    return name;
  }

  static void requireSource(List<String> cookieNames, String pathParameter, List<String> queryParameters) {
    if (cookieNames.isEmpty() && pathParameter == null && queryParameters.isEmpty()) {
      throw new IllegalArgumentException("cookieNames: [] (expected: at least one cookie, path or query parameter)");
    }
  }

  private static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isParameterName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "=&;/?#".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
