package tether.routing;

/**
 * A condition on a query parameter, compared after percent-decoding ({@code +} is a space). Only the
 * first occurrence of the name counts, as with a servlet's {@code getParameter}.
 *
 * @param name   parameter name
 * @param equals the value it must have, or {@code null} if being present is enough
 */
public record QueryMatch(String name, String equals) {

  public static QueryMatch present(String name) {
    return new QueryMatch(name, null);
  }

  public static QueryMatch equalTo(String name, String value) {
    return new QueryMatch(name, value);
  }
}
