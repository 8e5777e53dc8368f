package tether.proxy.pool;

import java.time.Duration;

/**
 * Told when passive detection takes a server out of balancing and when it puts it back, so that the
 * pool can publish a new snapshot. Called without any lock held, on the thread that saw the last
 * failure or on the scheduler's; must not block.
 */
public interface EjectionListener {

  /** {@code serverId} takes no new requests for {@code backOff}; {@code reason} is for logs and the console. */
  void ejected(String serverId, Duration backOff, String reason);

  /** {@code serverId}'s ejection is over: it takes requests again. */
  void returned(String serverId);
}
