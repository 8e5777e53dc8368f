package tether.proxy.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tether.proxy.config.AffinityConfig;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/**
 * One small keep-alive GET through a real Tether, started in this JVM in front of a loopback back end
 * that answers like the peer comparison's nginx; {@code small} sends no affinity cookie (every request
 * starts a session), {@code sticky} sends the one Tether issued.
 *
 * <p>The figure to read is {@code gc.alloc.rate.norm} of {@code proxied} minus that of {@code direct}:
 * the GC profiler counts the allocations of every thread of the JVM (Java 17's total allocated bytes),
 * not just the benchmark thread's, so it includes Tether's I/O threads but also the client and the back
 * end. Both are written to allocate next to nothing, and {@code direct} measures what they do allocate
 * by the same client talking straight to the back end. One connection in lock step, so every request
 * also pays for a turn of each selector loop that a loaded proxy would share among many.
 *
 * <p>Budget: 10,000 bytes per request, either scenario (most of it Undertow's and the client library's
 * per-exchange objects). Run with
 * {@code mvn -pl proxy-core test-compile exec:exec@jmh -Djmh.args="ProxiedRequest -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dtether.access-log=OFF"})
public class ProxiedRequestBenchmark {

  /** What the peer comparison's back ends answer to {@code GET /}. */
  private static final byte[] BACKEND_RESPONSE = ascii(
      "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Sun, 22 Nov 2026 09:00:00 GMT\r\n"
          + "Content-Type: text/plain\r\nContent-Length: 14\r\nConnection: keep-alive\r\n"
          + "X-Backend: b1\r\n\r\nhello from b1\n");

  @Param({"small", "sticky"})
  public String scenario;

  private LoopbackBackend backend;
  private RunningProxy proxy;
  private Client viaProxy;
  private Client direct;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    backend = new LoopbackBackend();
    proxy = RunningProxy.start(
        TestConfig.create()
            .pool("be", backend.port())
            .affinity("be", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
            .keys("bench", Map.of("bench", Affinities.KEY))
            .route("/", "be"));
    viaProxy = new Client(proxy.port(), null);
    if (scenario.equals("sticky")) {
      String cookie = viaProxy.affinityCookie();
      viaProxy.close();
      viaProxy = new Client(proxy.port(), cookie);
    }
    direct = new Client(backend.port(), null);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    viaProxy.close();
    direct.close();
    proxy.close();
    backend.close();
  }

  @Benchmark
  public int proxied() throws IOException {
    return viaProxy.get();
  }

  @Benchmark
  public int direct() throws IOException {
    return direct.get();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A keep-alive client that reuses its buffers: it allocates nothing per request. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final byte[] buffer = new byte[16 * 1024];

    Client(int port, String cookie) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = socket.getInputStream();
      request = ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n");
    }

    /** Sends one request and reads the whole response; returns its length. */
    int get() throws IOException {
      out.write(request);
      return readResponse();
    }

    /** Makes one request and returns the {@code name=value} of the cookie Tether set. */
    String affinityCookie() throws IOException {
      out.write(request);
      int n = readResponse();
      String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
      int at = head.indexOf("Set-Cookie: ");
      if (at < 0) {
        throw new IllegalStateException("no affinity cookie in " + head);
      }
      int from = at + "Set-Cookie: ".length();
      return head.substring(from, head.indexOf(';', from));
    }

    private int readResponse() throws IOException {
      int n = 0;
      int headEnd = -1;
      while (headEnd < 0) {
        n = fill(n);
        headEnd = headEnd(n);
      }
      int total = headEnd + contentLength(headEnd);
      while (n < total) {
        n = fill(n);
      }
      return n;
    }

    private int fill(int n) throws IOException {
      int r = in.read(buffer, n, buffer.length - n);
      if (r < 0) {
        throw new IOException("connection closed after " + n + " bytes");
      }
      return n + r;
    }

    private int headEnd(int n) {
      for (int i = 3; i < n; i++) {
        if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
          return i + 1;
        }
      }
      return -1;
    }

    private int contentLength(int headEnd) {
      byte[] name = CONTENT_LENGTH;
      for (int i = 0; i + name.length < headEnd; i++) {
        if (regionMatchesIgnoreCase(i, name)) {
          int value = 0;
          for (int j = i + name.length; buffer[j] != '\r'; j++) {
            if (buffer[j] >= '0' && buffer[j] <= '9') {
              value = value * 10 + (buffer[j] - '0');
            }
          }
          return value;
        }
      }
      throw new IllegalStateException("response without Content-Length");
    }

    private boolean regionMatchesIgnoreCase(int at, byte[] lowerName) {
      for (int k = 0; k < lowerName.length; k++) {
        byte b = buffer[at + k];
        byte expected = lowerName[k];
        if (b != expected && !(expected >= 'a' && expected <= 'z' && (b | 0x20) == expected)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final byte[] CONTENT_LENGTH = ascii("\ncontent-length:");

  /** Answers every request head with {@link #BACKEND_RESPONSE}, one thread per connection, no allocation. */
  private static final class LoopbackBackend implements AutoCloseable {
    private final ServerSocket server;

    LoopbackBackend() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "bench-backend");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          s.setTcpNoDelay(true);
          Thread t = new Thread(() -> serve(s), "bench-backend-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          // closed: the loop ends
        }
      }
    }

    private static void serve(Socket s) {
      byte[] buffer = new byte[16 * 1024];
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        // Counts the bytes of "\r\n\r\n" seen in a row, across reads: each completion is one request.
        int matched = 0;
        int r;
        while ((r = in.read(buffer)) >= 0) {
          for (int i = 0; i < r; i++) {
            byte b = buffer[i];
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
              matched = 0;
              out.write(BACKEND_RESPONSE);
            }
          }
        }
      } catch (IOException e) {
        // the proxy closed the connection
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
