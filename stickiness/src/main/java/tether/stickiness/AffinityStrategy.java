package tether.stickiness;

import java.util.Set;

/**
 * One way of reading and writing affinity. Implementations are thread-safe, never throw on bad input
 * (a bad token is an INVALID resolution), and are cheap enough to run on every request.
 */
public interface AffinityStrategy {

  /** "cookie", "route-suffix", "learned", "header" or "client-address". */
  String name();

  /** Reads the request's affinity; NONE when this strategy has nothing to say. */
  Resolution resolve(AffinityRequest request, PoolView pool);

  /**
   * Called for every response with the server that finally served the request (pinned, or newly
   * chosen), or null when no server did.
   *
   * @param resolved what the chain returned for this request, possibly turned REDISPATCHED by the proxy
   *                 (which keeps strategy, serverId and sessionId); it may come from another strategy
   */
  void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response);

  /** Request cookies the proxy removes before forwarding, so servers never see them. */
  default Set<String> requestCookiesToStrip() {
    return Set.of();
  }
}
