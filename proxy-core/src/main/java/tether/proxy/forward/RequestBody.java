package tether.proxy.forward;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.xnio.channels.StreamSourceChannel;

/**
 * The client's request body as a demand-driven source for the request to the server. At most one chunk is
 * read ahead, so memory stays at one buffer however large the body: the server's pace sets the client's.
 *
 * <p>Jetty calls {@link #read()} and {@link #demand} from its own threads; every read of the Undertow
 * channel runs through the exchange's serializer, like every other operation on the exchange.
 */
final class RequestBody implements Request.Content {

  /** Hears what happens to the body. */
  interface Listener {
    /** Once, when the client side of the body fails (client gone, body too large). */
    void clientFailed(Throwable cause);

    /** Body bytes handed to the client library for the server, as they go. */
    void bodyBytes(int n);
  }

  private final HttpServerExchange exchange;
  private final SerializedInvoker serial;
  private final Listener listener;
  private final long length;
  private final long maxBytes;
  private final Runnable readTask = this::readFromClient;

  // Only inside the serializer.
  private StreamSourceChannel channel;
  private boolean readScheduled;
  private long bytes;

  private boolean consumed;

  // Guarded by this.
  private Content.Chunk ready;
  private Runnable demand;
  private boolean ended;
  private boolean clientFailed;

  RequestBody(
      HttpServerExchange exchange, SerializedInvoker serial, Listener listener, long maxBytes) {
    this.exchange = exchange;
    this.maxBytes = maxBytes;
    this.serial = serial;
    this.listener = listener;
    this.length = exchange.getRequestContentLength();
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public String getContentType() {
    return null;
  }

  /**
   * Whether the whole body has been read from the client: its end was seen, or as many bytes as it
   * declared arrived (a server may answer before the end is read).
   */
  synchronized boolean finished() {
    return (length >= 0 && bytes == length) || (ended && ready != null && !Content.Chunk.isFailure(ready));
  }

  @Override
  public Content.Chunk read() {
    synchronized (this) {
      Content.Chunk chunk = ready;
      if (chunk == null) {
        return null;
      }
      consumed = true;
      // Data chunks are handed over once; a terminal chunk (EOF or failure) answers every later read.
      if (!chunk.isLast()) {
        ready = null;
        listener.bodyBytes(chunk.remaining());
      }
      return chunk;
    }
  }

  /**
   * Prepares the body for a second attempt, on another server or another connection. Refused once any
   * byte was handed over, since the first server may have received it.
   */
  boolean rearmForRetry() {
    synchronized (this) {
      if (consumed || clientFailed) {
        return false;
      }
      demand = null;
      if (ready != null && Content.Chunk.isFailure(ready)) {
        ready = null;
        ended = false;
      }
      return true;
    }
  }

  @Override
  public void demand(Runnable callback) {
    boolean now;
    synchronized (this) {
      now = ready != null;
      if (!now) {
        demand = callback;
      }
    }
    if (now) {
      callback.run();
    } else {
      serial.run(readTask);
    }
  }

  @Override
  public void fail(Throwable failure) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      releaseReady();
      ready = Content.Chunk.from(failure, true);
    }
  }

  /** Runs in the serializer: fills {@code ready} from the client connection or arms a read listener. */
  private void readFromClient() {
    synchronized (this) {
      if (ready != null || ended) {
        return;
      }
    }
    if (channel == null) {
      channel = exchange.getRequestChannel();
      if (channel == null) {
        // Undertow hands the channel out once; without it there is no body left to read.
        deliver(Content.Chunk.EOF);
        return;
      }
    }
    PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate();
    ByteBuffer buffer = pooled.getBuffer();
    int n;
    try {
      n = channel.read(buffer);
      if (n > 0 && bytes + n > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    } catch (IOException e) {
      pooled.close();
      synchronized (this) {
        clientFailed = true;
      }
      deliver(Content.Chunk.from(e, true));
      listener.clientFailed(e);
      return;
    }
    if (n > 0) {
      bytes += n;
      buffer.flip();
      deliver(Content.Chunk.from(buffer, false, pooled::close));
    } else if (n < 0) {
      pooled.close();
      deliver(Content.Chunk.EOF);
    } else {
      pooled.close();
      if (!readScheduled) {
        readScheduled = true;
        channel.getReadSetter().set(c -> serial.run(this::readable));
      }
      channel.resumeReads();
    }
  }

  private void readable() {
    channel.suspendReads();
    readFromClient();
  }

  private void deliver(Content.Chunk chunk) {
    Runnable callback;
    synchronized (this) {
      if (ended) {
        chunk.release();
        return;
      }
      ready = chunk;
      if (chunk.isLast()) {
        ended = true;
      }
      callback = demand;
      demand = null;
    }
    if (callback != null) {
      callback.run();
    }
  }

  /** Frees a chunk read ahead but never taken, when the exchange ends early. */
  void discard() {
    synchronized (this) {
      ended = true;
      releaseReady();
      ready = Content.Chunk.EOF;
      demand = null;
    }
  }

  private void releaseReady() {
    if (ready != null) {
      ready.release();
      ready = null;
    }
  }
}
