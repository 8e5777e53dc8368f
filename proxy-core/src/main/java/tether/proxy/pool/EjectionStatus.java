package tether.proxy.pool;

/**
 * Where passive detection stands with one server, for the console and metrics.
 *
 * @param ejected             whether the server is out of balancing now
 * @param until               when the ejection ends, in the scheduler's nanoseconds; meaningful only when ejected
 * @param consecutiveFailures failures in a row counted since the last success or return
 * @param level               the back-off level: the last ejection's, less what good time since has forgiven;
 *                            0 when the server has nothing held against it
 */
public record EjectionStatus(boolean ejected, long until, int consecutiveFailures, int level) {

  /** A server that passive detection does not know or holds nothing against. */
  public static final EjectionStatus NONE = new EjectionStatus(false, 0, 0, 0);
}
