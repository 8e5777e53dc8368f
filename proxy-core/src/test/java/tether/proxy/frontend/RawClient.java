package tether.proxy.frontend;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A byte-level HTTP/1.1 client over a plain socket, so tests control exactly what is sent and when.
 * Every read has a timeout, so a test waiting on the server always ends.
 */
final class RawClient implements AutoCloseable {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int pushedBack = -1;

  RawClient(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, (int) READ_TIMEOUT.toMillis());
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Waits up to {@code timeout} for the server to send something, without consuming it.
   *
   * @return false if nothing came in that time
   */
  boolean awaitData(Duration timeout) throws IOException {
    if (pushedBack >= 0) {
      return true;
    }
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    try {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed by the server");
      }
      pushedBack = b;
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    }
  }

  /**
   * Reads one response; its body by Content-Length, or to the end of the stream without one, and
   * none for an interim (1xx), 204 or 304 response.
   */
  Response readResponse() throws IOException {
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (status < 200 || status == 204 || status == 304) {
      // no body, whatever the headers say
    } else if (length != null) {
      for (long left = Long.parseLong(length); left > 0; left--) {
        body.write(readByteOrFail());
      }
    } else {
      for (int b = read(); b >= 0; b = read()) {
        body.write(b);
      }
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  /** True if the server has closed its side: the next read sees the end of the stream. */
  boolean atEndOfStream() throws IOException {
    return read() < 0;
  }

  /** Reads up to the next LF and returns the line without its line break. */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = readByteOrFail(); b != '\n'; b = readByteOrFail()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private int readByteOrFail() throws IOException {
    int b = read();
    if (b < 0) {
      throw new EOFException("closed by the server in the middle of a response");
    }
    return b;
  }

  private int read() throws IOException {
    if (pushedBack >= 0) {
      int b = pushedBack;
      pushedBack = -1;
      return b;
    }
    return in.read();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }
}
