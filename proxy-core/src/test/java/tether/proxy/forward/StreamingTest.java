package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.StreamingBackend;
import tether.proxy.testing.TestConfig;

/**
 * A gibibyte each way through the proxy, with the heap held to a small growth: bodies stream with
 * back-pressure and are never buffered whole. Heap is measured after a full collection at several points
 * during each transfer, while the far side keeps pushing, so buffering anywhere would show.
 */
class StreamingTest {

  private static final long GIB = 1L << 30;
  private static final long HEAP_BUDGET = 64L << 20;
  private static final int SAMPLES = 8;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamingTest.class);

  private static StreamingBackend server;
  private static RunningProxy proxy;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  @BeforeAll
  static void start() {
    server = new StreamingBackend();
    proxy =
        RunningProxy.start(TestConfig.create().maxBodyBytes(2 * GIB).pool("app", server.port()).route("/", "app"));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    server.close();
  }

  @Test
  void aGibibyteDownloadStreamsWithBoundedHeap() throws Exception {
    long baseline = heapAfterGc();
    long peak = 0;
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream()
          .write(("GET /download?bytes=" + GIB + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: " + GIB);
      byte[] buffer = new byte[256 * 1024];
      long offset = 0;
      long nextSample = GIB / SAMPLES;
      while (offset < GIB) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, GIB - offset));
        assertThat(n).as("bytes after offset %d", offset).isPositive();
        for (int i = 0; i < n; i++) {
          if (buffer[i] != StreamingBackend.byteAt(offset + i)) {
            assertThat(buffer[i]).as("byte at %d", offset + i).isEqualTo(StreamingBackend.byteAt(offset + i));
          }
        }
        offset += n;
        if (offset >= nextSample) {
          peak = Math.max(peak, heapAfterGc() - baseline);
          nextSample += GIB / SAMPLES;
        }
      }
    }
    log.info("1 GiB download: heap growth at most {} KiB", peak >> 10);
    assertThat(peak).as("heap growth in bytes").isLessThan(HEAP_BUDGET);
    assertThat(proxy.counter("tether.pool.app.server.s1.bytes-to-client")).isEqualTo(GIB);
  }

  @Test
  void aGibibyteUploadStreamsWithBoundedHeap() throws Exception {
    long baseline = heapAfterGc();
    long peak = 0;
    CRC32 crc = new CRC32();
    try (RawHttp raw = new RawHttp(proxy.port())) {
      raw.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + GIB + "\r\n\r\n");
      byte[] block = new byte[256 * 1024];
      long sent = 0;
      long nextSample = GIB / SAMPLES;
      while (sent < GIB) {
        for (int i = 0; i < block.length; i++) {
          block[i] = StreamingBackend.byteAt(sent + i);
        }
        raw.send(block);
        crc.update(block);
        sent += block.length;
        if (sent >= nextSample) {
          peak = Math.max(peak, heapAfterGc() - baseline);
          nextSample += GIB / SAMPLES;
        }
      }
      RawHttp.Response response = raw.readResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo(GIB + " " + crc.getValue());
    }
    log.info("1 GiB upload: heap growth at most {} KiB", peak >> 10);
    assertThat(peak).as("heap growth in bytes").isLessThan(HEAP_BUDGET);
    assertThat(proxy.counter("tether.pool.app.server.s1.bytes-to-server")).isEqualTo(GIB);
  }

  private long heapAfterGc() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String readHead(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException(head.toString());
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
