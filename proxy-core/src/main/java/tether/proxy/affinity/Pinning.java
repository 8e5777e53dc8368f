package tether.proxy.affinity;

import tether.proxy.pool.Server;
import tether.stickiness.Resolution;

/**
 * What affinity decided for one request.
 *
 * @param resolution what the strategies read, as it will be recorded
 * @param server     the pinned server when it may take the request, else {@code null} (balance anew)
 * @param refused    the pinned server cannot take it and the pool insists: answer 503
 */
public record Pinning(Resolution resolution, Server server, boolean refused) {

  public static final Pinning NONE = new Pinning(Resolution.NO_AFFINITY, null, false);
}
