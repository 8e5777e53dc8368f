package tether.proxy.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * A Jetty client transport over TCP whose connections belong to one XNIO I/O thread, the thread that
 * serves the clients whose requests use it. Tether gives every I/O thread a transport of its own; since
 * the transport is part of the client's destination key, each I/O thread gets its own destination and
 * connection pool per server, and an exchange whose client is served by a thread only ever uses that
 * thread's server connections: request, response and relay run on one thread, without a hand-off.
 * Everything else about a connection stays Jetty's: pooling, HTTP/1.1, timeouts.
 *
 * <p>Settings come from the client's {@link ClientConnector}: connect timeout, idle timeout and
 * TCP_NODELAY. Name resolution is the client's (this transport needs resolved addresses).
 */
public final class IoThreadTransport implements Transport {

  private final XnioIoThread thread;

  public IoThreadTransport(XnioIoThread thread) {
    this.thread = Objects.requireNonNull(thread, "thread");
  }

  @Override
  public boolean requiresDomainNameResolution() {
    return true;
  }

  @Override
  public void connect(SocketAddress address, Map<String, Object> context) {
    if (Thread.currentThread() == thread) {
      connectHere(address, context);
      return;
    }
    // XNIO registers a channel opened from another thread by parking the I/O thread until the
    // registration is done, stalling every client on it; from the I/O thread's own queue nothing waits.
    // Other threads connect when a server name was resolved on the client's executor, or a retry or a
    // freed queue slot sends from a timer thread.
    try {
      thread.execute(() -> connectHere(address, context));
    } catch (RuntimeException e) {
      failed(context, connectFailure(address, e));
    }
  }

  private void connectHere(SocketAddress address, Map<String, Object> context) {
    IoFuture<StreamConnection> future = null;
    try {
      ClientConnector connector = (ClientConnector) context.get(ClientConnector.CONTEXT_KEY);
      OptionMap options = OptionMap.create(Options.TCP_NODELAY, connector.isTCPNoDelay());
      // XNIO runs a delay under a millisecond at once, which would cancel every connect.
      long timeoutMillis = Math.max(1, connector.getConnectTimeout().toMillis());
      // A stopping I/O thread answers with a failed future or a RejectedExecutionException.
      future = thread.openStreamConnection(address, null, options);
      IoFuture<StreamConnection> connecting = future;
      AtomicBoolean timedOut = new AtomicBoolean();
      XnioExecutor.Key timer =
          thread.executeAfter(
              () -> {
                timedOut.set(true);
                connecting.cancel();
              },
              timeoutMillis,
              TimeUnit.MILLISECONDS);
      future.addNotifier(
          (done, ignored) -> {
            timer.remove();
            switch (done.getStatus()) {
              case DONE -> open(address, result(done), connector, context);
              case FAILED -> failed(context, connectFailure(address, done.getException()));
              default ->
                  failed(
                      context,
                      timedOut.get()
                          ? new SocketTimeoutException("Connect timeout " + timeoutMillis + " ms to " + address)
                          : new ConnectException("Could not connect to " + address + ": cancelled"));
            }
          },
          null);
    } catch (RuntimeException e) {
      if (future != null) {
        future.cancel();
        // A connect that completed at once cannot be cancelled.
        if (future.getStatus() == IoFuture.Status.DONE) {
          IoUtils.safeClose(result(future));
        }
      }
      failed(context, connectFailure(address, e));
    }
  }

  /**
   * Makes the new connection Jetty's from the I/O thread's queue, never inside the caller's own connect
   * call: a connect that completes at once would otherwise re-enter the client's pool in the middle of
   * the acquire that asked for it.
   */
  private void open(
      SocketAddress address, StreamConnection channel, ClientConnector connector, Map<String, Object> context) {
    try {
      thread.execute(() -> opened(channel, connector, context));
    } catch (RuntimeException e) {
      IoUtils.safeClose(channel);
      failed(context, connectFailure(address, e));
    }
  }

  private static StreamConnection result(IoFuture<? extends StreamConnection> done) {
    try {
      return done.get();
    } catch (IOException e) {
      // A done future holds its result.
      throw new IllegalStateException(e);
    }
  }

  private void opened(StreamConnection channel, ClientConnector connector, Map<String, Object> context) {
    IoThreadEndPoint endPoint = new IoThreadEndPoint(channel);
    endPoint.setIdleTimeout(connector.getIdleTimeout().toMillis());
    try {
      Connection connection = newConnection(endPoint, context);
      endPoint.setConnection(connection);
      endPoint.onOpen();
      connection.onOpen();
      promise(context).succeeded(connection);
    } catch (Throwable e) {
      IoUtils.safeClose(channel);
      failed(context, e);
    }
  }

  private static Throwable connectFailure(SocketAddress address, Throwable cause) {
    if (cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
      return cause;
    }
    ConnectException e = new ConnectException("Could not connect to " + address + ": " + cause.getMessage());
    e.initCause(cause);
    return e;
  }

  private static void failed(Map<String, Object> context, Throwable failure) {
    promise(context).failed(failure);
  }

  @SuppressWarnings("unchecked")
  private static Promise<Connection> promise(Map<String, Object> context) {
    return (Promise<Connection>) context.get(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY);
  }

  @Override
  public String toString() {
    return "IoThreadTransport[" + thread.getName() + "]";
  }
}
