package tether.proxy.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.client.Request;
import tether.proxy.pool.Server;

/**
 * The tries of one exchange at its servers: the current one (its server, the slot it holds there and its
 * timing), which server comes next after a failure, and when a request goes again to the same server.
 * Used only inside the exchange's serializer.
 */
final class Attempts {

  // Sends again after stale connections; more in a row means the server closes on every request.
  private static final int MAX_STALE_RESENDS = 3;

  private final PoolTarget target;
  private final RequestBody body;
  private final boolean idempotent;
  private List<String> tried;
  private int staleResends;
  private Server current;
  private boolean holdingSlot;
  private boolean timing;
  private long startedAt;

  /**
   * @param body the request body, or {@code null} when the request has none left to read
   */
  Attempts(PoolTarget target, RequestBody body, boolean idempotent) {
    this.target = target;
    this.body = body;
    this.idempotent = idempotent;
  }

  /** The server of the current try, which may still wait for a slot. */
  Server current() {
    return current;
  }

  /** The next try goes to {@code to}, once it has a slot there. */
  void aim(Server to) {
    current = to;
  }

  /** The current try has its slot and its request is about to go out: it is counted and timed. */
  void begin() {
    holdingSlot = true;
    timing = true;
    startedAt = System.nanoTime();
    current.metrics().started();
  }

  /** The current try's exchange with its server is over: its time is counted; the slot stays held. */
  void stopTiming() {
    if (timing) {
      timing = false;
      current.metrics().finished(System.nanoTime() - startedAt);
    }
  }

  /** The current try is over: its time is counted and its slot freed. */
  void end() {
    stopTiming();
    if (holdingSlot) {
      holdingSlot = false;
      // May start a queued exchange of another client on this thread.
      current.slots().release();
    }
  }

  /**
   * Another server for the request after {@code failed}, or null when the attempts are spent, none is
   * left, the body cannot be sent again, or {@code permission} (asked last, as it may spend budget) says
   * no.
   */
  Server next(Server failed, BooleanSupplier permission) {
    if (tried == null) {
      tried = new ArrayList<>(target.retries().attempts());
    }
    tried.add(failed.id());
    if (tried.size() >= target.retries().attempts()) {
      return null;
    }
    var balancer = target.pool().snapshot().balancer();
    Server next = balancer.pick(s -> !tried.contains(s.id()) && !s.slots().full());
    if (next == null) {
      next = balancer.pick(s -> !tried.contains(s.id()));
    }
    if (next == null || !bodyRearmed() || !permission.getAsBoolean()) {
      return null;
    }
    return next;
  }

  /**
   * Whether {@code failed}, whose connection broke before any response came, may go again to the same
   * server on another connection. When that connection had already carried a response, the server most
   * likely closed it while it sat idle in the pool, just as the request was sent: the race every
   * keep-alive client has with servers whose idle timeout is shorter than its own. An idempotent
   * request may be sent again (RFC 9110, 9.2.2); it costs no retry budget, as the server is not failing,
   * and is done a few times at most, as each stale connection leaves the pool when it fails.
   */
  boolean mayResendOnStale(Request failed) {
    if (!idempotent
        || staleResends >= MAX_STALE_RESENDS
        || !BackendClient.sentOnReusedConnection(failed)
        || !bodyRearmed()) {
      return false;
    }
    staleResends++;
    return true;
  }

  private boolean bodyRearmed() {
    return body == null || body.rearmForRetry();
  }
}
