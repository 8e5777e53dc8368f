package tether.proxy.config;

/**
 * One server of a pool.
 *
 * @param id      unique within its pool; appears in metrics, logs and (later) affinity tokens
 * @param address where Tether connects
 * @param weight  relative share of new requests, 0..{@value #MAX_WEIGHT}; 0 takes none
 * @param route   the name that the application appends to its session ids on this server (Tomcat's
 *                jvmRoute), for the route-suffix strategy; the id unless set
 */
public record ServerConfig(String id, HostPort address, int weight, String route) {

  /** A server whose route is its id. */
  public ServerConfig(String id, HostPort address, int weight) {
    this(id, address, weight, id);
  }

  public static final int DEFAULT_WEIGHT = 1;
  public static final int MAX_WEIGHT = 1000;
}
