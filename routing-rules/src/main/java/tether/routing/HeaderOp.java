package tether.routing;

/**
 * A header edit the proxy applies to the forwarded request or to the response. The table only
 * checks and carries these; applying them is the proxy's job.
 *
 * @param kind  add a value, set (replace all values), or remove
 * @param name  header name
 * @param value the value for add and set; {@code null} for remove
 */
public record HeaderOp(Kind kind, String name, String value) {

  public enum Kind { ADD, SET, REMOVE }

  public static HeaderOp add(String name, String value) {
    return new HeaderOp(Kind.ADD, name, value);
  }

  public static HeaderOp set(String name, String value) {
    return new HeaderOp(Kind.SET, name, value);
  }

  public static HeaderOp remove(String name) {
    return new HeaderOp(Kind.REMOVE, name, null);
  }
}
