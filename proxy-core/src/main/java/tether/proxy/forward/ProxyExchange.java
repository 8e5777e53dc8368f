package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import java.util.Set;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import tether.proxy.pool.FailureKind;
import tether.proxy.pool.Server;
import tether.proxy.pool.ServerSlots;

/**
 * One client exchange on its way to a server and back. It receives the server-side events from Jetty and
 * relays the response to the client with back-pressure: a chunk is read from the server only once the
 * previous one has been written to the client, so a slow client slows the server, not the heap.
 *
 * <p>Every method that touches the Undertow exchange runs inside {@link #serial}: the thread that delivers
 * an event performs it unless another thread is already working on this exchange, in which case that thread
 * performs it next. That gives one-at-a-time access without a thread hand-off.
 */
final class ProxyExchange implements Response.Listener, RequestBody.Listener {

  private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

  /** Marks a response dropped so that the request can go to another server. */
  private static final Exception DROPPED = new Exception("response dropped for a retry", null, false, false) {};

  private final Forwarder forwarder;
  private final Forwarder.ThreadLinks links;
  private final HttpServerExchange exchange;
  private final PoolTarget target;
  private final boolean idempotent;
  private final RequestBody body;
  private final Attempts attempts;
  private final Sticky sticky;
  private final Plan plan;
  private final ExchangeEnd ending;
  private final Set<String> stripCookies;
  private final SerializedInvoker serial = new SerializedInvoker(ProxyExchange.class);
  private final ResponseRelay relay;
  private final Runnable pumpAfterTurn;
  private final Runnable sendAfterTurn;
  private final Runnable headersTask = this::headersArrived;
  private final Runnable completeTask = this::serverCompleted;
  private final Runnable endTask;

  // Set before a request is sent, read by the threads that deliver its events.
  private volatile Request request;
  private volatile Response response;

  // Only inside serial.
  private boolean done;

  ProxyExchange(
      Forwarder forwarder, HttpServerExchange exchange, PoolTarget target, Sticky sticky, Plan plan) {
    long start = System.nanoTime();
    this.forwarder = forwarder;
    this.links = forwarder.links(exchange);
    this.plan = plan;
    this.exchange = exchange;
    this.target = target;
    this.idempotent = RetryPolicy.idempotent(exchange.getRequestMethod());
    this.relay = new ResponseRelay(exchange, serial, new RelayOwner());
    Runnable pumpTask = relay::pump;
    this.pumpAfterTurn = () -> serial.run(pumpTask);
    Runnable sendTask = this::sendMade;
    this.sendAfterTurn = () -> serial.run(sendTask);
    this.endTask = exchange::endExchange;
    this.sticky = sticky;
    // The pool's own affinity cookie never reaches its servers, on a route that turns affinity off too.
    this.stripCookies = target.affinity() == null ? Set.of() : target.affinity().cookiesToStrip();
    this.body =
        exchange.isRequestComplete()
            ? null
            : new RequestBody(exchange, serial, this, forwarder.maxBodyBytes());
    this.attempts = new Attempts(target, body, idempotent);
    this.ending = new ExchangeEnd(exchange, target.pool().name(), sticky, body, start);
  }

  /** Sends the request to {@code first}; runs once Undertow has let go of the exchange. */
  void start(Server first) {
    target.retries().firstAttempt();
    attempt(first);
  }

  /** Sends to {@code to} when it has a free slot, or waits in its queue for one. */
  private void attempt(Server to) {
    attempts.aim(to);
    ServerSlots slots = to.slots();
    if (slots.tryAcquire()) {
      send();
      return;
    }
    if (slots.enqueue(() -> serial.run(() -> granted(to)), () -> serial.run(this::queueTimedOut)) == null) {
      serial.run(() -> busy("its queue is full"));
    }
  }

  private void granted(Server to) {
    if (done) {
      to.slots().release();
      return;
    }
    send();
  }

  private void queueTimedOut() {
    if (!done) {
      busy("no slot came free in time");
    }
  }

  // Holds a slot of the current try's server.
  private void send() {
    attempts.begin();
    response = null;
    relay.source(null);
    Request r = forwarder.newRequest(links, exchange, attempts.current(), body, stripCookies, plan);
    request = r;
    ClientThread.afterTurn(exchange, sendAfterTurn);
  }

  /**
   * Sends the request {@link #send} made, at the end of the I/O thread's turn. Until it is out, no event
   * of it can end the exchange or replace it; a client gone meanwhile is only noticed once its body is
   * read or its response written, both after this.
   */
  private void sendMade() {
    Request r = request;
    if (r != null && !done) {
      forwarder.send(links, r, attempts.current(), this);
    }
  }

  // ---- Events from the client library, on its threads --------------------------------------------------

  // Events of a request that was dropped for a retry are ignored: request names the current one.

  @Override
  public void onHeaders(Response response) {
    if (response.getRequest() != request) {
      return;
    }
    this.response = response;
    serial.run(headersTask);
  }

  @Override
  public void onContentSource(Response response, Content.Source source) {
    if (response.getRequest() != request) {
      return;
    }
    relay.source(source);
    ClientThread.afterTurn(exchange, pumpAfterTurn);
  }

  @Override
  public void onComplete(Result result) {
    Request failed = result.getRequest();
    if (failed != request) {
      return;
    }
    if (result.isFailed()) {
      Throwable failure = result.getFailure();
      boolean answered = result.getResponse().getStatus() != 0;
      serial.run(() -> serverFailed(failed, answered, failure));
    } else {
      serial.run(completeTask);
    }
  }

  // ---- Inside serial ----------------------------------------------------------------------------------

  private void headersArrived() {
    Response r = response;
    if (done || r == null) {
      return;
    }
    int status = r.getStatus();
    if (status < 500) {
      target.ejections().success(server().id());
    } else {
      target.ejections().failure(server().id(), FailureKind.STATUS, status);
      if (replayAfterStatus(status)) {
        return;
      }
    }
    forwarder.writeResponseHead(exchange, r, plan);
    if (body != null && !body.finished()) {
      // The server answered before the whole body arrived: the rest cannot be skipped cheaply.
      exchange.setPersistent(false);
    }
    if (sticky != null) {
      sticky.respond(server().id(), exchange);
      // The outcome is final once the server's answer is chosen; counted now, before the client can
      // see the response.
      sticky.record();
    }
  }

  /** The client library finished the exchange; a response with no content source ends here. */
  private void serverCompleted() {
    if (!done && !relay.hasSource()) {
      relay.finish();
    }
  }

  private void succeeded() {
    done = true;
    attempts.end();
    settle(exchange.getStatusCode(), false);
    ClientThread.run(exchange, endTask);
  }

  /**
   * @param failed   the request that failed: a request replaced since (by a retry) is over
   * @param answered whether a status line had come from the server
   */
  private void serverFailed(Request failed, boolean answered, Throwable cause) {
    if (done || relay.finishing() || failed != request) {
      return;
    }
    Failure failure = Failure.of(cause, false);
    // Without a status line there are no headers, and nothing has been relayed.
    if (failure == Failure.SERVER_BROKE && !answered && attempts.mayResendOnStale(failed)) {
      // The slot is kept: the request goes out again at once, ahead of any queue.
      attempts.stopTiming();
      attempts.current().metrics().resentOnStale();
      send();
      return;
    }
    server().metrics().error(failure.kind());
    if (failure.retryable()) {
      target.ejections().failure(server().id(), FailureKind.CONNECT, 0);
    } else if (failure == Failure.RESPONSE_TIMEOUT) {
      target.ejections().failure(server().id(), FailureKind.TIMEOUT, 0);
    }
    boolean headersSeen = response != null;
    attempts.end();
    if (!relay.started() && !headersSeen) {
      if (!mayMove()) {
        // A session that must stay is refused when its server could not be reached; any other failure
        // of its server is answered as such below.
        if (failure.retryable()) {
          refuse();
          return;
        }
      } else {
        // A retryable failure means nothing reached the server: another one may have it. Anything else
        // is replayed only where the method, the pool's retry settings and its budget allow.
        Server next =
            attempts.next(server(), () -> failure.retryable() || target.retries().mayReplay(failure, idempotent));
        if (next != null) {
          moveTo(next);
          return;
        }
      }
    }
    abandon(failure, cause);
  }

  /**
   * A response whose status the pool retries: dropped, and the request sent to another server, when
   * the method allows a replay and the budget has room. False when the response is to be relayed.
   */
  private boolean replayAfterStatus(int status) {
    if (!mayMove()) {
      return false;
    }
    Server next = attempts.next(server(), () -> target.retries().mayReplayStatus(status, idempotent));
    if (next == null) {
      return false;
    }
    Request dropped = request;
    // Cleared first, so that the events the abort causes are recognised as the old request's.
    request = null;
    response = null;
    dropped.abort(DROPPED);
    attempts.end();
    moveTo(next);
    return true;
  }

  /** Whether the session allows this request to go to another server than its own. */
  private boolean mayMove() {
    return sticky == null || !sticky.insistsAfterFailure();
  }

  private void moveTo(Server next) {
    server().metrics().retried();
    exchange.getResponseHeaders().clear();
    if (sticky != null) {
      sticky.serverFailed(server().id());
    }
    attempt(next);
  }

  /** The server has no free slot and its queue cannot take the request: 503, try again soon. */
  private void busy(String why) {
    if (done) {
      return;
    }
    done = true;
    boolean bodyLeft = settle(503, false);
    String detail = "server " + server().id() + " is busy: " + why;
    ClientThread.run(exchange, () -> ErrorResponses.refuse(exchange, detail, "1", bodyLeft));
  }

  @Override
  public void bodyBytes(int n) {
    server().metrics().bytesToServer(n);
    ending.bodyBytes(n);
  }

  @Override
  public void clientFailed(Throwable cause) {
    // Once the response is ending (on the client's I/O thread, a moment later), a failing upload no
    // longer matters: the response stands, and the connection closes after it.
    if (!relay.finishing()) {
      relayFailed(cause);
    }
  }

  /** The client connection failed, or its request body could not be read. */
  private void relayFailed(Throwable cause) {
    if (done) {
      return;
    }
    Failure failure = Failure.of(cause, true);
    server().metrics().error(failure.kind());
    attempts.end();
    Request r = request;
    if (r != null) {
      r.abort(cause);
    }
    abandon(failure, cause);
  }

  /** Ends the exchange after a failure: an error response if nothing was sent yet, else a cut connection. */
  private void abandon(Failure failure, Throwable cause) {
    done = true;
    if (log.isDebugEnabled()) {
      log.debug("{} {} via {}: {} ({})",
          exchange.getRequestMethod(), exchange.getRequestURI(), server().id(), failure, cause.toString());
    }
    relay.releasePending();
    boolean bodyLeft = settle(!relay.started() ? failure.status() : exchange.getStatusCode(), false);
    if (!relay.started() && failure != Failure.CLIENT_GONE) {
      String detail = failure.describe(server().id(), cause);
      ClientThread.run(exchange, () -> ErrorResponses.send(exchange, failure.status(), detail, bodyLeft));
    } else {
      // Part of the response is out: only closing tells the client it is incomplete.
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  /** The pinned server failed and the pool will not move the session: 503 with Retry-After. */
  private void refuse() {
    done = true;
    relay.releasePending();
    boolean bodyLeft = settle(503, true);
    String retryAfter = sticky.retryAfterSeconds();
    ClientThread.run(exchange,
        () -> ErrorResponses.refuse(exchange, "the server holding this session is unavailable", retryAfter, bodyLeft));
  }

  /** The server of the current try. */
  private Server server() {
    return attempts.current();
  }

  /** Settles the exchange's bookkeeping (see {@link ExchangeEnd}); whether any request body was left unread. */
  private boolean settle(int status, boolean refused) {
    return ending.settle(status, server().id(), relay.bytesOut(), refused);
  }

  /** What the relay reports, kept off ProxyExchange's own interface. */
  private final class RelayOwner implements ResponseRelay.Owner {
    @Override
    public boolean ended() {
      return done;
    }

    @Override
    public void serverFailed(Throwable cause) {
      ProxyExchange.this.serverFailed(request, true, cause);
    }

    @Override
    public void clientFailed(Throwable cause) {
      relayFailed(cause);
    }

    @Override
    public void relayed() {
      succeeded();
    }

    @Override
    public void bytesToClient(int n) {
      server().metrics().bytesToClient(n);
    }
  }
}
