package tether.proxy.forward;

import io.undertow.server.RequestTooBigException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import tether.proxy.metrics.ErrorKind;

/**
 * What went wrong with an exchange, read from the exception that ended it, and what the client is told
 * when nothing of the server's response has reached it yet.
 *
 * @param kind      the metric it counts under
 * @param status    the status for the client
 * @param retryable true only when the server cannot have received the request
 */
record Failure(ErrorKind kind, int status, boolean retryable) {

  static final Failure CONNECT_REFUSED = new Failure(ErrorKind.CONNECT, 502, true);
  static final Failure CONNECT_TIMEOUT = new Failure(ErrorKind.CONNECT, 504, true);
  static final Failure RESPONSE_TIMEOUT = new Failure(ErrorKind.TIMEOUT, 504, false);
  static final Failure SERVER_BROKE = new Failure(ErrorKind.SERVER, 502, false);
  static final Failure BODY_TOO_LARGE = new Failure(ErrorKind.CLIENT, 413, false);
  static final Failure CLIENT_GONE = new Failure(ErrorKind.CLIENT, 400, false);

  static Failure of(Throwable failure, boolean clientSide) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException || t instanceof RequestTooBigException) {
        return BODY_TOO_LARGE;
      }
    }
    if (clientSide) {
      return CLIENT_GONE;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return CONNECT_REFUSED;
      }
      if (t instanceof SocketTimeoutException) {
        // The client library reports a connect timeout this way, and idle timeouts as TimeoutException.
        return CONNECT_TIMEOUT;
      }
      if (t instanceof TimeoutException) {
        return RESPONSE_TIMEOUT;
      }
    }
    return SERVER_BROKE;
  }

  /** What the error response says, for a failure at the server {@code serverId}. */
  String describe(String serverId, Throwable cause) {
    return switch (status) {
      case 413 -> "request body too large";
      case 504 -> "server " + serverId + " did not answer in time";
      default -> "server " + serverId + " failed: " + cause.getClass().getSimpleName();
    };
  }
}
