package tether.stickiness;

/** What a strategy (or the chain) concluded about a request's affinity. */
public enum Outcome {
  /** Nothing to say: no token, no session id, or an id the strategy does not know. */
  NONE,
  /** Pinned to {@link Resolution#serverId()}. */
  VALID,
  /** A token or route was present but unusable (forged, malformed, unknown route...). */
  INVALID,
  /** A genuine token past its idle or life limit. */
  EXPIRED,
  /** Set by the proxy when the pinned server could not take the request and another was chosen. */
  REDISPATCHED
}
