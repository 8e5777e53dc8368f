package tether.proxy.config;

/**
 * One server of a pool.
 *
 * @param id      unique within its pool; appears in metrics, logs and (later) affinity tokens
 * @param address where Tether connects
 * @param weight  relative share of new requests, 0..{@value #MAX_WEIGHT}; 0 takes none
 * @param route   the name that the application appends to its session ids on this server (Tomcat's
 *                jvmRoute), for the route-suffix strategy; the id unless set
 * @param publicUrl where clients reach this server directly, for redirect routes that send a client to
 *                the chosen server (such as {@code https://app2.example.com}); {@code null} unless set
 */
public record ServerConfig(String id, HostPort address, int weight, String route, String publicUrl) {

  /** A server whose route is its id and that has no public URL. */
  public ServerConfig(String id, HostPort address, int weight) {
    this(id, address, weight, id, null);
  }

  /** A server that has no public URL. */
  public ServerConfig(String id, HostPort address, int weight, String route) {
    this(id, address, weight, route, null);
  }

  public static final int DEFAULT_WEIGHT = 1;
  public static final int MAX_WEIGHT = 1000;
}
