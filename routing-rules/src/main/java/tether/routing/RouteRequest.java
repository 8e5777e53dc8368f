package tether.routing;

/**
 * The few parts of a request that routing reads. The proxy implements it over its own exchange;
 * nothing is copied up front, and {@link #rawQuery()} and {@link #header} are only called when a
 * candidate rule has a condition on them.
 */
public interface RouteRequest {

  /** The Host header (or {@code :authority}) as received, port allowed; {@code null} if none. */
  String host();

  /** The method as received, e.g. {@code GET}. */
  String method();

  /** The path as received, still percent-encoded, without the query; absolute-form already reduced. */
  String rawPath();

  /** The query as received, without {@code ?}; {@code null} if the request has none. */
  String rawQuery();

  /** The first value of a header, or {@code null}; the name is given in lower case. */
  String header(String lowerCaseName);
}
