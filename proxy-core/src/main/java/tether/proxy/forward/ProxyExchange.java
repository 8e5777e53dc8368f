package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;

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

  /** Attempts per request when connections fail before anything was sent. */
  static final int MAX_ATTEMPTS = 3;

  private final Forwarder forwarder;
  private final HttpServerExchange exchange;
  private final PoolSnapshot pool;
  private final RequestBody body;
  private final Sticky sticky;
  private final Plan plan;
  private final long start = System.nanoTime();
  // Written by whichever thread hands the body over, read once the exchange has ended.
  private volatile long bytesIn;
  private long bytesOut;
  private final Set<String> stripCookies;
  private final SerializedInvoker serial = new SerializedInvoker(ProxyExchange.class);
  private final Runnable pumpTask = this::pump;
  private final Runnable demandedTask = this::demanded;
  private final Runnable demandTask = () -> serial.run(demandedTask);
  private final Runnable headersTask = this::copyHeaders;
  private final Runnable completeTask = this::serverCompleted;
  private final Runnable writableTask = this::writable;

  // Set before a request is sent, read by the threads that deliver its events.
  private volatile Request request;
  private volatile Response response;
  private volatile Content.Source source;
  private Server server;
  private long attemptStart;
  private boolean attemptOpen;
  private List<Server> tried;

  // Only inside serial.
  private StreamSinkChannel out;
  private Content.Chunk pending;
  private boolean finishing;
  private boolean writeListenerSet;
  // At most one wait at a time, for the server (a demand) or for the client (a writable event); events
  // that arrive when their wait is not armed are spurious and ignored.
  private boolean awaitingServer;
  private boolean awaitingClient;
  private boolean done;

  ProxyExchange(
      Forwarder forwarder, HttpServerExchange exchange, PoolSnapshot pool, Sticky sticky, Plan plan) {
    this.forwarder = forwarder;
    this.plan = plan;
    this.exchange = exchange;
    this.pool = pool;
    this.sticky = sticky;
    this.stripCookies = sticky == null ? Set.of() : sticky.cookiesToStrip();
    this.body =
        exchange.isRequestComplete()
            ? null
            : new RequestBody(exchange, serial, this, forwarder.maxBodyBytes());
  }

  /** Sends the request to {@code first}; runs once Undertow has let go of the exchange. */
  void start(Server first) {
    send(first);
  }

  private void send(Server target) {
    server = target;
    attemptStart = System.nanoTime();
    attemptOpen = true;
    response = null;
    source = null;
    target.metrics().started();
    Request r = forwarder.newRequest(exchange, target, body, stripCookies, plan);
    request = r;
    r.send(this);
  }

  // ---- Events from the client library, on its threads --------------------------------------------------

  @Override
  public void onHeaders(Response response) {
    this.response = response;
    serial.run(headersTask);
  }

  @Override
  public void onContentSource(Response response, Content.Source source) {
    this.source = source;
    serial.run(pumpTask);
  }

  @Override
  public void onComplete(Result result) {
    if (result.getRequest() != request) {
      return;
    }
    if (result.isFailed()) {
      Throwable failure = result.getFailure();
      serial.run(() -> serverFailed(failure));
    } else {
      serial.run(completeTask);
    }
  }

  // ---- Inside serial ----------------------------------------------------------------------------------

  private void copyHeaders() {
    if (done) {
      return;
    }
    Response r = response;
    exchange.setStatusCode(r.getStatus());
    HopByHop.copyResponseHeaders(r.getHeaders(), exchange.getResponseHeaders());
    String via = forwarder.responseVia(exchange, exchange.getResponseHeaders().getFirst(Headers.VIA));
    if (via != null) {
      exchange.getResponseHeaders().put(Headers.VIA, via);
    }
    HeaderOps.apply(plan.responseHeaders(), exchange.getResponseHeaders());
    if (body != null && !body.finished()) {
      // The server answered before the whole body arrived: the rest cannot be skipped cheaply.
      exchange.setPersistent(false);
    }
    if (sticky != null) {
      sticky.respond(server.id(), exchange);
      // The outcome is final once the server's answer is chosen; counted now, before the client can
      // see the response.
      sticky.record();
    }
  }

  private void demanded() {
    awaitingServer = false;
    pump();
  }

  private void pump() {
    if (done || finishing || awaitingServer || awaitingClient) {
      return;
    }
    Content.Source from = source;
    while (true) {
      Content.Chunk chunk = pending;
      if (chunk == null) {
        chunk = from.read();
        if (chunk == null) {
          awaitingServer = true;
          from.demand(demandTask);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          serverFailed(chunk.getFailure());
          return;
        }
        pending = chunk;
      }
      if (chunk.hasRemaining() && !write(chunk.getByteBuffer())) {
        return;
      }
      pending = null;
      chunk.release();
      if (chunk.isLast()) {
        finishResponse();
        return;
      }
    }
  }

  /** Writes what it can; false when the client is slow (a listener is armed) or gone. */
  private boolean write(ByteBuffer buffer) {
    StreamSinkChannel channel = responseChannel();
    try {
      while (buffer.hasRemaining()) {
        int n = channel.write(buffer);
        if (n == 0) {
          awaitWritable();
          return false;
        }
        server.metrics().bytesToClient(n);
        bytesOut += n;
      }
      return true;
    } catch (IOException e) {
      clientFailed(e);
      return false;
    }
  }

  private void finishResponse() {
    finishing = true;
    try {
      responseChannel().shutdownWrites();
    } catch (IOException e) {
      clientFailed(e);
      return;
    }
    flushAndSucceed();
  }

  private void flushAndSucceed() {
    try {
      if (!out.flush()) {
        awaitWritable();
        return;
      }
    } catch (IOException e) {
      clientFailed(e);
      return;
    }
    succeeded();
  }

  private void writable() {
    if (!awaitingClient) {
      return;
    }
    awaitingClient = false;
    out.suspendWrites();
    if (done) {
      return;
    }
    if (finishing) {
      flushAndSucceed();
    } else {
      pump();
    }
  }

  private void awaitWritable() {
    awaitingClient = true;
    if (!writeListenerSet) {
      writeListenerSet = true;
      out.getWriteSetter().set(c -> serial.run(writableTask));
    }
    out.resumeWrites();
  }

  private StreamSinkChannel responseChannel() {
    if (out == null) {
      out = exchange.getResponseChannel();
    }
    return out;
  }

  /** The client library finished the exchange; a response with no content source ends here. */
  private void serverCompleted() {
    if (!done && source == null) {
      finishResponse();
    }
  }

  private void succeeded() {
    done = true;
    closeAttempt();
    if (sticky != null) {
      sticky.record();
    }
    if (body != null) {
      body.discard();
    }
    log(exchange.getStatusCode());
    exchange.endExchange();
  }

  private void serverFailed(Throwable cause) {
    if (done) {
      return;
    }
    Failure failure = Failure.of(cause, false);
    server.metrics().error(failure.kind());
    closeAttempt();
    if (failure.retryable() && out == null) {
      if (sticky != null && sticky.insistsAfterFailure()) {
        refuse();
        return;
      }
      if (retry()) {
        return;
      }
    }
    abandon(failure, cause);
  }

  @Override
  public void bodyBytes(int n) {
    server.metrics().bytesToServer(n);
    bytesIn += n;
  }

  @Override
  public void clientFailed(Throwable cause) {
    if (done) {
      return;
    }
    Failure failure = Failure.of(cause, true);
    server.metrics().error(failure.kind());
    closeAttempt();
    Request r = request;
    if (r != null) {
      r.abort(cause);
    }
    abandon(failure, cause);
  }

  /** Ends the exchange after a failure: an error response if nothing was sent yet, else a cut connection. */
  private void abandon(Failure failure, Throwable cause) {
    done = true;
    if (sticky != null) {
      sticky.record();
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} via {}: {} ({})",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          server.id(),
          failure,
          cause.toString());
    }
    releasePending();
    boolean bodyLeft = body != null && !body.finished();
    if (body != null) {
      body.discard();
    }
    log(out == null ? failure.status() : exchange.getStatusCode());
    if (out == null && failure != Failure.CLIENT_GONE) {
      ErrorResponses.send(exchange, failure.status(), describe(failure, cause), bodyLeft);
    } else {
      // Part of the response is out: only closing tells the client it is incomplete.
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  /** The pinned server failed and the pool will not move the session: 503 with Retry-After. */
  private void refuse() {
    done = true;
    sticky.recordRefused();
    releasePending();
    boolean bodyLeft = body != null && !body.finished();
    if (body != null) {
      body.discard();
    }
    log(503);
    ErrorResponses.refuse(
        exchange, "the server holding this session is unavailable", sticky.retryAfterSeconds(), bodyLeft);
  }

  private void log(int status) {
    if (AccessLog.enabled()) {
      AccessLog.write(
          exchange, status, server.id(), sticky == null ? null : sticky.resolution(), bytesIn, bytesOut, start);
    }
  }

  private boolean retry() {
    if (body != null && !body.rearmForRetry()) {
      return false;
    }
    if (tried == null) {
      tried = new ArrayList<>(MAX_ATTEMPTS);
    }
    tried.add(server);
    if (tried.size() >= MAX_ATTEMPTS) {
      return false;
    }
    Server next = pool.balancer().pick(s -> !tried.contains(s));
    if (next == null) {
      return false;
    }
    exchange.getResponseHeaders().clear();
    if (sticky != null) {
      sticky.serverFailed(server.id());
    }
    send(next);
    return true;
  }

  private void closeAttempt() {
    if (attemptOpen) {
      attemptOpen = false;
      server.metrics().finished(System.nanoTime() - attemptStart);
    }
  }

  private void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private String describe(Failure failure, Throwable cause) {
    return switch (failure.status()) {
      case 413 -> "request body too large";
      case 504 -> "server " + server.id() + " did not answer in time";
      default -> "server " + server.id() + " failed: " + cause.getClass().getSimpleName();
    };
  }
}
