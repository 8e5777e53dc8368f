package tether.proxy.backend;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Jetty's view of a server connection owned by an XNIO I/O thread. Readiness events arrive on that
 * thread and are passed to Jetty's fill interest and write flusher there, so Jetty's client runs its
 * parsing and the callbacks Tether gave it on the I/O thread, without a hand-off.
 *
 * <p>Read interest is set when Jetty wants to fill and stays set while Jetty keeps asking: Jetty asks
 * again within nearly every read event, so clearing it at each event and setting it again would only
 * queue two interest changes per response for the selector to compare. It is cleared when data arrives
 * that nobody wants to read yet (a response body the client is not ready for), which keeps the
 * back-pressure, and set again when Jetty asks.
 * A read that comes back short means the socket is drained, so the next fill returns 0 without a system
 * call until the selector says the socket is readable again; since readiness is level-triggered, data
 * that arrives in between is reported as soon as Jetty asks to fill. This saves the empty read that
 * follows every response. The price: a server's close that arrives together with the end of a response
 * is seen at the next turn of the event loop rather than at once, so within that turn the connection
 * is still in the pool (the same race that any keep-alive client has with a server closing an idle
 * connection, only a turn longer).
 *
 * <p>Idle and response timeouts are checked on the I/O thread's own timer ({@link IdleChecks}), not on
 * the client's shared scheduler, which this end point is not given.
 */
final class IoThreadEndPoint extends AbstractEndPoint {

  private final StreamConnection channel;
  private final ConduitStreamSourceChannel source;
  private final ConduitStreamSinkChannel sink;
  // Written and read by whichever thread fills, nearly always the I/O thread. A stale value costs at
  // most one read that finds nothing, or one trip through the selector; never data.
  private boolean drained;
  private final IdleChecks idleChecks;

  IoThreadEndPoint(StreamConnection channel) {
    // Without a scheduler Jetty's idle timeout keeps the time and the idle state but schedules nothing.
    super(null);
    this.channel = channel;
    this.idleChecks = new IdleChecks(channel.getIoThread(), this::idleCheck);
    this.source = channel.getSourceChannel();
    this.sink = channel.getSinkChannel();
    source.getReadSetter().set(ignored -> readable());
    sink.getWriteSetter().set(ignored -> writable());
    // The I/O thread closes its connections when it stops. Jetty must hear of it and drop the connection
    // from its pool; when Jetty closed the end point itself, it is no longer open here and knows already.
    channel.getCloseSetter().set(ignored -> closedUnderneath());
  }

  private void closedUnderneath() {
    if (!isOpen()) {
      return;
    }
    Connection connection = getConnection();
    if (connection != null) {
      connection.close();
    } else {
      close();
    }
  }

  /** Jetty's check; the delay to the next one, as Jetty's scheduler would have been asked for it. */
  private long idleCheck() {
    long left = checkIdleTimeout();
    return left == 0 ? getIdleTimeout() : left;
  }

  @Override
  public void setIdleTimeout(long idleTimeout) {
    super.setIdleTimeout(idleTimeout);
    idleChecks.within(idleTimeout);
  }

  @Override
  public void onOpen() {
    super.onOpen();
    // Whichever comes first, the idle timeout or the opening, a check is pending after both.
    idleChecks.within(getIdleTimeout());
  }

  private void readable() {
    drained = false;
    if (!getFillInterest().fillable()) {
      source.suspendReads();
      // Jetty may have asked from another thread between the two calls; its resume may have come first.
      if (getFillInterest().isInterested()) {
        source.resumeReads();
      }
    }
  }

  private void writable() {
    sink.suspendWrites();
    getWriteFlusher().completeWrite();
  }

  @Override
  protected void needsFillInterest() {
    source.resumeReads();
  }

  @Override
  protected void onIncompleteFlush() {
    sink.resumeWrites();
  }

  @Override
  public Callback cancelWrite(Throwable cause) {
    Callback callback = super.cancelWrite(cause);
    if (callback != null) {
      sink.suspendWrites();
    }
    return callback;
  }

  @Override
  public int fill(ByteBuffer buffer) throws IOException {
    if (isInputShutdown()) {
      return -1;
    }
    if (drained) {
      return 0;
    }
    int position = BufferUtil.flipToFill(buffer);
    int room = buffer.remaining();
    int filled;
    try {
      filled = source.read(buffer);
      if (filled > 0) {
        notIdle();
        drained = filled < room;
      } else if (filled == 0) {
        drained = true;
      } else {
        shutdownInput();
      }
    } catch (IOException e) {
      shutdownInput();
      filled = -1;
    } finally {
      BufferUtil.flipToFlush(buffer, position);
    }
    return filled;
  }

  @Override
  public boolean flush(ByteBuffer... buffers) throws IOException {
    long flushed;
    try {
      flushed = sink.write(buffers, 0, buffers.length);
    } catch (IOException e) {
      throw new EofException(e);
    }
    if (flushed > 0) {
      notIdle();
    }
    for (ByteBuffer buffer : buffers) {
      if (buffer.hasRemaining()) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void doShutdownOutput() {
    try {
      sink.shutdownWrites();
    } catch (IOException e) {
      // Closing follows; nothing more can be written either way.
    }
  }

  @Override
  protected void doClose() {
    IoUtils.safeClose(channel);
    super.doClose();
  }

  @Override
  public void onClose(Throwable cause) {
    idleChecks.stop();
    try {
      super.onClose(cause);
    } finally {
      // What Jetty's selector does for its own end points once they close.
      Connection connection = getConnection();
      if (connection != null) {
        connection.onClose(cause);
      }
    }
  }

  @Override
  public Object getTransport() {
    return channel;
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return channel.getLocalAddress();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return channel.getPeerAddress();
  }
}
