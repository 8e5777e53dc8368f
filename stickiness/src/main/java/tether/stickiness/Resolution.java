package tether.stickiness;

/**
 * A strategy's (or the chain's) answer for one request.
 *
 * @param outcome   what was concluded
 * @param strategy  name of the strategy that concluded it; null when no strategy had anything to say
 * @param serverId  the pinned server when VALID (the proxy keeps it when it sets REDISPATCHED), else null
 * @param sessionId Tether's own session id for the cookie strategy; a fingerprint (never the id itself)
 *                  for application session ids; null when there is none
 * @param reason    short human-readable why, for logs and metrics; never contains a token or session id
 */
public record Resolution(Outcome outcome, String strategy, String serverId, String sessionId, String reason) {

  /** The chain's answer when no strategy had anything to say. */
  public static final Resolution NO_AFFINITY = new Resolution(Outcome.NONE, null, null, null, "no affinity");

  public Resolution {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome: null (expected: an Outcome)");
    }
  }

  public static Resolution none(String strategy, String reason) {
    return new Resolution(Outcome.NONE, strategy, null, null, reason);
  }

  public static Resolution valid(String strategy, String serverId, String sessionId) {
    return new Resolution(Outcome.VALID, strategy, serverId, sessionId, "pinned");
  }

  public static Resolution invalid(String strategy, String reason) {
    return new Resolution(Outcome.INVALID, strategy, null, null, reason);
  }

  public static Resolution expired(String strategy, String reason) {
    return new Resolution(Outcome.EXPIRED, strategy, null, null, reason);
  }

  /** This resolution with another outcome, e.g. REDISPATCHED, keeping the pinned server and session. */
  public Resolution withOutcome(Outcome newOutcome, String newReason) {
    return new Resolution(newOutcome, strategy, serverId, sessionId, newReason);
  }

  public boolean isValid() {
    return outcome == Outcome.VALID;
  }
}
