package tether.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket client for what java.net.http will not send or show: raw header blocks, hop-by-hop
 * headers, and exactly how a connection ends.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  public RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one response: the head, then a body framed by Content-Length or chunked encoding. */
  public Response readResponse() throws IOException {
    return readResponse(false);
  }

  /** Reads the response to a HEAD request, which has no body whatever its headers say. */
  public Response readHeadResponse() throws IOException {
    return readResponse(true);
  }

  private Response readResponse(boolean headRequest) throws IOException {
    String head = readHead();
    Response response = Response.parseHead(head);
    if (headRequest || response.status() / 100 == 1 || response.status() == 204 || response.status() == 304) {
      return response;
    }
    byte[] body;
    String length = response.header("content-length");
    if ("chunked".equalsIgnoreCase(response.header("transfer-encoding"))) {
      body = readChunked();
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.trim()));
    } else {
      // Neither length nor chunks: the body runs to the end of the connection.
      body = readToEnd();
    }
    return response.withBody(body);
  }

  /** Reads until the server closes; the bytes it sent, or all it sent before a reset. */
  public byte[] readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // A reset also ends the connection; what arrived before it is the answer.
    }
    return all.toByteArray();
  }

  /** True when the server has closed the connection (EOF or reset) before sending anything more. */
  public boolean closedByServer() throws IOException {
    return readToEnd().length == 0;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.size() + " bytes of response head");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
          ? state + 1
          : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    if (b < 0) {
      throw new IOException("connection closed inside chunked body");
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A parsed response; header names are looked up case-insensitively. */
  public record Response(int status, String head, byte[] body) {

    static Response parseHead(String head) {
      String statusLine = head.substring(0, head.indexOf('\r'));
      return new Response(Integer.parseInt(statusLine.split(" ")[1]), head, new byte[0]);
    }

    Response withBody(byte[] bytes) {
      return new Response(status, head, bytes);
    }

    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
