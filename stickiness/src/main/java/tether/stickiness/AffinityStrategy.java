package tether.stickiness;

import java.util.OptionalLong;
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

  /**
   * Whether a VALID answer is the request's key hashed onto whatever servers the pool has, rather than a
   * server the request names (in a cookie, a session id): such an answer fits every pool alike, so it
   * says nothing about which of several pools a session belongs to.
   */
  default boolean hashes() {
    return false;
  }

  /**
   * For a strategy that {@link #hashes}: the hash of the request's key (a header's value, the client's
   * network), so that a choice among several pools can follow the key as the choice of a server does.
   * Empty when the request has no usable key, and always for a strategy that names servers.
   */
  default OptionalLong keyHash(AffinityRequest request) {
    return OptionalLong.empty();
  }

  /** Request cookies the proxy removes before forwarding, so servers never see them. */
  default Set<String> requestCookiesToStrip() {
    return Set.of();
  }
}
