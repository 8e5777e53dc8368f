package tether.proxy.frontend;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.ServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Watches the bytes of each request's header block on one connection, underneath Undertow: answers
 * 431 when the block grows past the limit and 408 when it has not ended within the header timeout
 * of its first byte, then closes. Undertow alone would close without a word in both cases.
 *
 * <p>Once a block has ended the guard looks at nothing (body bytes are never counted) until {@link
 * ExchangeTracker} reports the exchange complete; the next byte then starts the next request's
 * count and deadline. Apart from pass-through reads of a body by a dispatched handler, everything
 * here runs on the connection's I/O thread, so the state needs no synchronisation.
 *
 * <p>{@link #of} finds the guard again from Undertow's connection, whose original source conduit
 * it is: {@link Frontend} installs it before Undertow sees the connection and lets Undertow stack
 * nothing between them.
 */
final class HeaderGuard extends AbstractStreamSourceConduit<StreamSourceConduit> {

  private static final Logger log = LoggerFactory.getLogger(HeaderGuard.class);

  /**
   * How long a refused connection keeps swallowing what its client still sends before it is closed.
   * Closing at once, with unread bytes, would reset the connection and could destroy the answer
   * before the client reads it.
   */
  static final Duration LINGER = Duration.ofSeconds(2);

  private static final int DISCARD_BUFFER_BYTES = 4096;
  private static final int DISCARD_READS_PER_EVENT = 16;

  private enum Phase {
    /** Between requests: the next byte starts a header block. */
    AWAITING,
    /** Counting a header block and holding its deadline. */
    HEADERS,
    /** An exchange owns the bytes: a body, or requests Undertow has already read ahead. */
    PASSIVE,
    /** Answered 431 or 408; swallowing input until the client leaves or the linger ends. */
    REJECTED,
    /** Handed over to another protocol by an upgrade; never looks again. */
    OFF
  }

  private final StreamConnection connection;
  private final StreamSinkConduit sink;
  private final int maxHeaderBytes;
  private final long headerTimeoutNanos;
  private final HeaderBlockScanner scanner = new HeaderBlockScanner();
  private final Runnable onTimer = this::timerFired;

  private Phase phase = Phase.AWAITING;
  // Set by whichever thread completes an exchange, applied on the I/O thread before the next read:
  // exchanges often complete on the server-side client's thread, and a hop to the I/O thread per
  // request would cost a wake-up. Bits: ENDED, HANDED_OVER, READ_AHEAD.
  private volatile int ending;
  private int headerBytes;
  // When the pending timer's purpose is due, in System.nanoTime(): the header deadline, or the end
  // of the linger. The timer may be set for earlier; it then re-arms itself for what is left.
  private long dueNanos;
  private XnioExecutor.Key timer;

  private HeaderGuard(
      StreamConnection connection, StreamSourceConduit source, int maxHeaderBytes, Duration headerTimeout) {
    super(source);
    this.connection = connection;
    this.sink = connection.getSinkChannel().getConduit();
    this.maxHeaderBytes = maxHeaderBytes;
    this.headerTimeoutNanos = headerTimeout.toNanos();
  }

  /**
   * Puts a guard above the connection's raw source (with only {@link LazyReadInterest} between), before
   * Undertow wraps anything.
   */
  static void install(StreamConnection connection, int maxHeaderBytes, Duration headerTimeout) {
    ConduitStreamSourceChannel channel = connection.getSourceChannel();
    StreamSourceConduit source = new LazyReadInterest(channel.getConduit());
    HeaderGuard guard = new HeaderGuard(connection, source, maxHeaderBytes, headerTimeout);
    channel.setConduit(guard);
    // Setting a conduit does not pass it the channel's read handler; read events must go through the
    // lazy layer, which decides whether they reach the channel.
    guard.setReadReadyHandler(new ReadReadyHandler.ChannelListenerHandler<>(channel));
  }

  /** The guard of an Undertow connection, or {@code null} if it has none. */
  static HeaderGuard of(ServerConnection connection) {
    return connection instanceof AbstractServerConnection c
            && c.getOriginalSourceConduit() instanceof HeaderGuard guard
        ? guard
        : null;
  }

  /** Undertow has parsed a request's header block and is running its handler. */
  void requestStarted() {
    // Normally the scanner has seen the block end already. Should Undertow's parser find an end the
    // scanner did not (they may differ on malformed line breaks), the body must still not count.
    if (phase == Phase.AWAITING || phase == Phase.HEADERS) {
      phase = Phase.PASSIVE;
    }
  }

  /**
   * The exchange is complete.
   *
   * @param handedOver the connection now carries another protocol (an upgrade, a CONNECT tunnel)
   * @param readAhead  Undertow already holds bytes of the next request, which this guard never saw:
   *     that request goes unwatched rather than be measured wrongly (Undertow's own limits still
   *     apply), and the one after it is watched again
   */
  void requestEnded(boolean handedOver, boolean readAhead) {
    ending = ENDED | (handedOver ? HANDED_OVER : 0) | (readAhead ? READ_AHEAD : 0);
  }

  private static final int ENDED = 1;
  private static final int HANDED_OVER = 2;
  private static final int READ_AHEAD = 4;

  /** Applies a completion recorded by {@link #requestEnded}; on the I/O thread. */
  private void applyEnding() {
    int e = ending;
    if (e == 0) {
      return;
    }
    ending = 0;
    if ((e & HANDED_OVER) != 0) {
      phase = Phase.OFF;
    } else if (phase == Phase.PASSIVE && (e & READ_AHEAD) == 0) {
      phase = Phase.AWAITING;
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    applyEnding();
    Phase p = phase;
    if (p == Phase.PASSIVE || p == Phase.OFF) {
      return next.read(dst);
    }
    int start = dst.position();
    int n = next.read(dst);
    if (n > 0 && (p == Phase.REJECTED || !watch(dst, start, start + n))) {
      // Undertow never sees bytes of a refused request; 0 keeps it waiting until the connection closes.
      dst.position(start);
      return 0;
    }
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    applyEnding();
    Phase p = phase;
    if (p == Phase.PASSIVE || p == Phase.OFF) {
      return next.read(dsts, offs, len);
    }
    // Undertow reads headers into one buffer; filling only the first is a legal short read.
    for (int i = offs; i < offs + len; i++) {
      if (dsts[i].hasRemaining()) {
        return read(dsts[i]);
      }
    }
    return 0;
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    applyEnding();
    Phase p = phase;
    if (p == Phase.PASSIVE || p == Phase.OFF) {
      return next.transferTo(position, count, target);
    }
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
      throws IOException {
    applyEnding();
    Phase p = phase;
    if (p == Phase.PASSIVE || p == Phase.OFF) {
      return next.transferTo(count, throughBuffer, target);
    }
    return Conduits.transfer(this, count, throughBuffer, target);
  }

  /**
   * Looks at bytes just read while no exchange owns the connection.
   *
   * @return false if they made the request too large, which has been answered
   */
  private boolean watch(ByteBuffer buffer, int from, int to) {
    if (phase == Phase.AWAITING) {
      phase = Phase.HEADERS;
      headerBytes = 0;
      scanner.reset();
      dueNanos = System.nanoTime() + headerTimeoutNanos;
      if (timer == null) {
        arm(headerTimeoutNanos);
      }
    }
    int end = scanner.scan(buffer, from, to);
    headerBytes += (end < 0 ? to : end) - from;
    if (headerBytes > maxHeaderBytes) {
      reject(Rejection.HEADERS_TOO_LARGE);
      return false;
    }
    if (end >= 0) {
      // The pending timer stays: cancelling and re-arming per request costs more than a no-op firing.
      phase = Phase.PASSIVE;
    }
    return true;
  }

  private void arm(long delayNanos) {
    timer = connection.getIoThread().executeAfter(onTimer, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void timerFired() {
    timer = null;
    applyEnding();
    if (!connection.isOpen() || (phase != Phase.HEADERS && phase != Phase.REJECTED)) {
      return;
    }
    long left = dueNanos - System.nanoTime();
    if (left > 0) {
      arm(left);
    } else if (phase == Phase.HEADERS) {
      reject(Rejection.HEADER_TIMEOUT);
    } else {
      IoUtils.safeClose(connection);
    }
  }

  /** Answers on the raw sink, ends the output, and lingers; Undertow has no exchange to answer. */
  private void reject(Rejection rejection) {
    phase = Phase.REJECTED;
    if (timer != null) {
      timer.remove();
      timer = null;
    }
    log.debug("Answering {} to {}", rejection.status(), connection.getPeerAddress());
    try {
      ByteBuffer response = rejection.response();
      while (response.hasRemaining() && sink.write(response) > 0) {
        // nothing else is written between requests, so the empty send buffer takes it all at once
      }
      if (response.hasRemaining()) {
        // The client is not reading; never wait for it on an I/O thread.
        IoUtils.safeClose(connection);
        return;
      }
      sink.terminateWrites();
      sink.flush();
    } catch (IOException e) {
      log.debug("Could not answer {} to {}", rejection.status(), connection.getPeerAddress(), e);
      IoUtils.safeClose(connection);
      return;
    }
    dueNanos = System.nanoTime() + LINGER.toNanos();
    arm(LINGER.toNanos());
    // Undertow's read listener would close at the next event on seeing the output shut. Take over
    // after the current event, which may be Undertow's own read still resuming itself.
    connection.getIoThread().execute(this::takeOverReads);
  }

  private void takeOverReads() {
    if (!connection.isOpen()) {
      return;
    }
    ByteBuffer discard = ByteBuffer.allocate(DISCARD_BUFFER_BYTES);
    ConduitStreamSourceChannel source = connection.getSourceChannel();
    source.setReadListener((ChannelListener<ConduitStreamSourceChannel>) channel -> discardInput(discard));
    source.resumeReads();
  }

  private void discardInput(ByteBuffer discard) {
    try {
      // Bounded, so that a client that never stops sending cannot hold the I/O thread; reads stay
      // resumed and the rest comes with the next event.
      for (int i = 0; i < DISCARD_READS_PER_EVENT; i++) {
        discard.clear();
        int n = next.read(discard);
        if (n < 0) {
          IoUtils.safeClose(connection);
        }
        if (n <= 0) {
          return;
        }
      }
    } catch (IOException e) {
      IoUtils.safeClose(connection);
    }
  }
}
