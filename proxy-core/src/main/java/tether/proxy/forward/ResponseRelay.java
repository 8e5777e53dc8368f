package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.xnio.channels.StreamSinkChannel;

/**
 * Relays a server's response body to the client with back-pressure: a chunk is read from the server only
 * once the previous one has been written to the client, so a slow client slows the server, not the heap.
 * Everything but {@link #source} runs inside the exchange's serializer.
 */
final class ResponseRelay {

  /** The exchange the relay reports to. */
  interface Owner {
    /** Whether the exchange is over, so that late events do nothing. */
    boolean ended();

    void serverFailed(Throwable cause);

    void clientFailed(Throwable cause);

    /** The whole response reached the client. */
    void relayed();

    void bytesToClient(int n);
  }

  private final HttpServerExchange exchange;
  private final SerializedInvoker serial;
  private final Owner owner;
  private final Runnable demandedTask = this::demanded;
  private final Runnable demandTask;
  private final Runnable writableTask = this::writable;
  private final Runnable endTask;

  // Set by the client library's thread before it asks for a pump.
  private volatile Content.Source source;

  // Only inside serial.
  private StreamSinkChannel out;
  private Content.Chunk pending;
  private boolean finishing;
  private boolean writeListenerSet;
  // At most one wait at a time, for the server (a demand) or for the client (a writable event); events
  // that arrive when their wait is not armed are spurious and ignored.
  private boolean awaitingServer;
  private boolean awaitingClient;
  private long bytesOut;

  ResponseRelay(HttpServerExchange exchange, SerializedInvoker serial, Owner owner) {
    this.exchange = exchange;
    this.serial = serial;
    this.owner = owner;
    this.demandTask = () -> serial.run(demandedTask);
    Runnable end = this::end;
    this.endTask = () -> serial.run(end);
  }

  /** The body of the current attempt's response; {@code null} forgets a dropped attempt's. */
  void source(Content.Source s) {
    source = s;
    if (s == null) {
      awaitingServer = false;
    }
  }

  boolean hasSource() {
    return source != null;
  }

  /**
   * Whether the whole response has come from the server and its end is under way: from then on a
   * failure of the request side or of the server's exchange changes nothing.
   */
  boolean finishing() {
    return finishing;
  }

  /** Whether anything of the response went to the client: from then on it cannot be replaced. */
  boolean started() {
    return out != null;
  }

  long bytesOut() {
    return bytesOut;
  }

  private void demanded() {
    awaitingServer = false;
    pump();
  }

  void pump() {
    if (owner.ended() || finishing || awaitingServer || awaitingClient) {
      return;
    }
    Content.Source from = source;
    if (from == null) {
      // The body of a response dropped for a retry; the next attempt's will come.
      return;
    }
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
          owner.serverFailed(chunk.getFailure());
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
        finish();
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
        owner.bytesToClient(n);
        bytesOut += n;
      }
      return true;
    } catch (IOException e) {
      owner.clientFailed(e);
      return false;
    }
  }

  /** Ends the response to the client once everything is written, on the client's I/O thread. */
  void finish() {
    finishing = true;
    if (exchange.isInIoThread()) {
      // Already inside the serializer.
      end();
    } else {
      ClientThread.run(exchange, endTask);
    }
  }

  private void end() {
    if (owner.ended()) {
      return;
    }
    try {
      responseChannel().shutdownWrites();
    } catch (IOException e) {
      owner.clientFailed(e);
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
      owner.clientFailed(e);
      return;
    }
    owner.relayed();
  }

  private void writable() {
    if (!awaitingClient) {
      return;
    }
    awaitingClient = false;
    out.suspendWrites();
    if (owner.ended()) {
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

  void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
