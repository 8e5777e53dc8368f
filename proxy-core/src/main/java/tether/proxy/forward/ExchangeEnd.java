package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;

/**
 * What every way of ending a proxied exchange shares, whether the response was relayed, refused or cut
 * short: the affinity outcome is counted, what is left of the request body is dropped, and the access
 * log line is written with the bytes that passed each way.
 */
final class ExchangeEnd {

  private final HttpServerExchange exchange;
  private final String pool;
  private final Sticky sticky;
  private final RequestBody body;
  private final long start;
  // Written by whichever thread hands the body over, read once the exchange has ended.
  private volatile long bytesIn;

  /**
   * @param pool   the name of the pool the exchange goes to
   * @param sticky the exchange's affinity, or null when its pool has none
   * @param body   the request body still to come, or null when the request was complete
   * @param start  when the exchange was taken over, from {@link System#nanoTime()}
   */
  ExchangeEnd(HttpServerExchange exchange, String pool, Sticky sticky, RequestBody body, long start) {
    this.exchange = exchange;
    this.pool = pool;
    this.sticky = sticky;
    this.body = body;
    this.start = start;
  }

  /** Counts request body bytes handed to a server. */
  void bodyBytes(int n) {
    bytesIn += n;
  }

  /**
   * Does the shared bookkeeping of an exchange that ends with {@code status}.
   *
   * @param refused whether the session's server failed and the pool would not move it, which is counted
   *     instead of the affinity outcome
   * @return whether any of the request body was still unread, so that the connection cannot be kept
   */
  boolean settle(int status, String serverId, long bytesOut, boolean refused) {
    if (sticky != null) {
      if (refused) {
        sticky.recordRefused();
      } else {
        sticky.record();
      }
    }
    boolean bodyLeft = body != null && !body.finished();
    if (body != null) {
      body.discard();
    }
    if (AccessLog.enabled()) {
      AccessLog.write(
          exchange, status, pool, serverId, sticky == null ? null : sticky.resolution(), bytesIn, bytesOut, start);
    }
    return bodyLeft;
  }
}
