package tether.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A back end that answers every request head with fixed bytes and then, optionally, closes: for
 * responses no well-behaved server would send (a body cut short, odd headers).
 */
public final class RawServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread thread;
  private final byte[] reply;
  private final boolean closeAfter;
  private final int answersPerConnection;
  private final CountDownLatch together;
  private final byte[] lastWords;
  private final AtomicInteger requests = new AtomicInteger();

  private RawServer(byte[] reply, boolean closeAfter, int answersPerConnection, int together, String lastWords)
      throws IOException {
    this.reply = reply;
    this.lastWords = lastWords.getBytes(StandardCharsets.ISO_8859_1);
    this.closeAfter = closeAfter;
    this.answersPerConnection = answersPerConnection;
    this.together = new CountDownLatch(together);
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "raw-server");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Answers each request with {@code reply} and keeps the connection. */
  public static RawServer replying(String reply) throws IOException {
    return new RawServer(reply.getBytes(StandardCharsets.ISO_8859_1), false, Integer.MAX_VALUE, 0, "");
  }

  /** Answers each request with {@code reply}, then closes the connection at once. */
  public static RawServer replyingThenClosing(String reply) throws IOException {
    return new RawServer(reply.getBytes(StandardCharsets.ISO_8859_1), true, Integer.MAX_VALUE, 0, "");
  }

  /**
   * Answers the first {@code answers} requests of each connection with {@code reply}, keeping it open,
   * then closes it on the next request without a word: a server that closes a kept-alive connection
   * just as a request arrives on it.
   */
  public static RawServer answeringThenDropping(int answers, String reply) throws IOException {
    return new RawServer(reply.getBytes(StandardCharsets.ISO_8859_1), false, answers, 0, "");
  }

  /** As {@link #answeringThenDropping} with one answer, sending {@code lastWords} before closing. */
  public static RawServer answeringOnceThenCutting(String reply, String lastWords) throws IOException {
    return new RawServer(reply.getBytes(StandardCharsets.ISO_8859_1), false, 1, 0, lastWords);
  }

  /**
   * As {@link #answeringThenDropping} with one answer, but the first answer of each connection waits
   * until {@code connections} connections have each sent a request, so that a client is made to hold
   * that many connections at once.
   */
  public static RawServer answeringOnceTogetherThenDropping(int connections, String reply) throws IOException {
    return new RawServer(reply.getBytes(StandardCharsets.ISO_8859_1), false, 1, connections, "");
  }

  public int port() {
    return socket.getLocalPort();
  }

  public int requests() {
    return requests.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        // A client may hold several connections open at once: each gets its own thread.
        Thread connection = new Thread(() -> converse(s), "raw-server-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        // The next accept decides whether the server is still open.
      }
    }
  }

  private void converse(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      for (int answered = 0; readHead(in); answered++) {
        requests.incrementAndGet();
        if (answered == answersPerConnection) {
          out.write(lastWords);
          out.flush();
          break;
        }
        if (answered == 0) {
          together.countDown();
          if (!together.await(10, TimeUnit.SECONDS)) {
            break;
          }
        }
        out.write(reply);
        out.flush();
        if (closeAfter) {
          break;
        }
      }
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
