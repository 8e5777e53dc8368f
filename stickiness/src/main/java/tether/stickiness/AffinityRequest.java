package tether.stickiness;

import java.net.InetAddress;

/**
 * The parts of a request that affinity reads. The proxy implements it over its HTTP library; every
 * method must be cheap because strategies call them on every request.
 */
public interface AffinityRequest {

  /** Value of the first cookie with exactly this name in the Cookie headers, or null. */
  String cookie(String name);

  /** First value of the header (name case-insensitive), or null. */
  String header(String name);

  /** The path as sent, which may contain {@code ;jsessionid=...}, without the query. */
  String rawPath();

  /** The raw (undecoded) query, or null. */
  String rawQuery();

  InetAddress clientAddress();
}
