package tether.proxy.frontend;

import io.undertow.util.DateUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The answers {@link HeaderGuard} writes itself, below Undertow, before closing a connection whose
 * request header block it refused.
 */
enum Rejection {
  HEADERS_TOO_LARGE(431, "Request Header Fields Too Large", "Request header fields too large.\n"),
  HEADER_TIMEOUT(408, "Request Timeout", "Request headers did not arrive in time.\n");

  private final int status;
  private final byte[] head;
  private final byte[] tail;

  Rejection(int status, String reason, String body) {
    this.status = status;
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    this.head =
        ascii(
            "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n"
                + "Date: ");
    byte[] end = ascii("\r\n\r\n");
    this.tail = new byte[end.length + content.length];
    System.arraycopy(end, 0, tail, 0, end.length);
    System.arraycopy(content, 0, tail, end.length, content.length);
  }

  int status() {
    return status;
  }

  /** The whole response, dated now; built only when a request is refused, which is rare. */
  ByteBuffer response() {
    byte[] date = ascii(DateUtils.toDateString(new Date()));
    return ByteBuffer.allocate(head.length + date.length + tail.length).put(head).put(date).put(tail).flip();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
