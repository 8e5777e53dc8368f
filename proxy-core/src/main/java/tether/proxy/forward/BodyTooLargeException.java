package tether.proxy.forward;

import java.io.IOException;

/**
 * A request body grew past the configured maximum while streaming. Tether checks this itself, before
 * Undertow's own limit would cut the connection without an answer, so that the client gets a 413.
 */
final class BodyTooLargeException extends IOException {

  BodyTooLargeException(long max) {
    super("request body larger than " + max + " bytes");
  }
}
