package tether.proxy.frontend;

import java.nio.ByteBuffer;

/**
 * Finds the empty line that ends an HTTP/1.1 header block in bytes that arrive in pieces. A line
 * ends with LF, optionally preceded by CR, so bare-LF clients are understood as well as CRLF ones.
 * Knows nothing of header syntax: telling a malformed request apart is Undertow's job.
 */
final class HeaderBlockScanner {

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private static final int MID_LINE = 0;
  private static final int LINE_START = 1;
  private static final int LINE_START_CR = 2;

  // Starts mid-line, so that a request's first line break is never taken for the empty line.
  private int state = MID_LINE;

  /** Forgets what was seen, before the first byte of a new request. */
  void reset() {
    state = MID_LINE;
  }

  /**
   * Scans {@code buffer[from, to)} by absolute index, without moving its position.
   *
   * @return the index just past the header block's last byte, or -1 if these bytes do not end it
   */
  int scan(ByteBuffer buffer, int from, int to) {
    int s = state;
    for (int i = from; i < to; i++) {
      byte b = buffer.get(i);
      if (b == LF) {
        if (s != MID_LINE) {
          state = MID_LINE;
          return i + 1;
        }
        s = LINE_START;
      } else if (b == CR && s == LINE_START) {
        s = LINE_START_CR;
      } else {
        s = MID_LINE;
      }
    }
    state = s;
    return -1;
  }
}
