package tether.admin.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The progress of a drain.
 *
 * @param deadline when the engine stops waiting for sessions, or null for no deadline
 * @param liveSessions sessions still pinned to the server
 * @param inFlight requests the server is still answering
 * @param estimatedSecondsLeft a guess from the rate sessions have been ending at, or null when there
 *     is too little to go on
 * @param done no session pinned and nothing in flight: the server may be removed
 */
public record DrainView(
    Instant started,
    Instant deadline,
    int liveSessions,
    int inFlight,
    Long estimatedSecondsLeft,
    boolean done) {

  public DrainView {
    Objects.requireNonNull(started, "started");
    if (liveSessions < 0 || inFlight < 0) {
      throw new IllegalArgumentException(
          "liveSessions, inFlight: " + liveSessions + ", " + inFlight + " (expected: >= 0)");
    }
  }
}
