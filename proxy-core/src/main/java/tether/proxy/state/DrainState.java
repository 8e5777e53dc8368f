package tether.proxy.state;

import java.time.Instant;

/**
 * A drain in progress: the server takes no new sessions and keeps the ones pinned to it.
 *
 * @param started  when the operator started it, wall-clock
 * @param deadline when the remaining sessions are given up on, or {@code null} to wait for them
 */
public record DrainState(Instant started, Instant deadline) {

  public DrainState {
    Checks.present("started", started, "an instant");
    Checks.notBefore("deadline", deadline, started);
  }
}
