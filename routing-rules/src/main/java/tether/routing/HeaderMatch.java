package tether.routing;

/**
 * A condition on a request header's first value. The name is case-insensitive. With neither
 * {@code equals} nor {@code regex} the header only has to be present.
 *
 * @param name   header name
 * @param equals exact, case-sensitive value, or {@code null}
 * @param regex  regular expression searched for in the value, or {@code null}
 */
public record HeaderMatch(String name, String equals, String regex) {

  public static HeaderMatch present(String name) {
    return new HeaderMatch(name, null, null);
  }

  public static HeaderMatch equalTo(String name, String value) {
    return new HeaderMatch(name, value, null);
  }

  public static HeaderMatch matching(String name, String regex) {
    return new HeaderMatch(name, null, regex);
  }
}
