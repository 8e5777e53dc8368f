package tether.proxy.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.FrontendConfig;
import tether.proxy.frontend.RawClient.Response;

class FrontendTest {

  private static final int MAX_HEADER_BYTES = 32 * 1024;
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);
  private static final FrontendConfig LIMITS =
      new FrontendConfig(HEADER_TIMEOUT, MAX_HEADER_BYTES, 8L * 1024 * 1024, Duration.ofSeconds(30), 2);

  private final TestHandler handler = new TestHandler();
  private Frontend frontend;

  @AfterEach
  void stop() {
    handler.release.complete(null);
    if (frontend != null) {
      frontend.close();
    }
  }

  private InetSocketAddress start(FrontendConfig limits) throws IOException {
    frontend = Frontend.startOn(List.of(new InetSocketAddress("127.0.0.1", 0)), limits, handler);
    return frontend.boundAddresses().get(0);
  }

  private RawClient connect() throws IOException {
    return new RawClient(frontend.boundAddresses().get(0));
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  /** A GET whose request line and header block are exactly {@code size} bytes long. */
  private static String getOfSize(int size) {
    String start = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Fill: ";
    String end = "\r\n\r\n";
    return start + "a".repeat(size - start.length() - end.length()) + end;
  }

  private static void assertRejected(Response response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Connection")).isEqualTo("close");
    assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(response.header("Date")).isNotBlank();
    assertThat(response.body()).isNotBlank();
  }

  @Test
  void answersAGet() throws IOException {
    InetSocketAddress address = start(LIMITS);
    assertThat(address.getPort()).isPositive();
    try (RawClient client = connect()) {
      Response response = client.send(get("/")).readResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.header("Date")).isNotBlank();
      assertThat(response.header("Connection")).isNull();
    }
  }

  @Test
  void servesSeveralRequestsOnOneKeepAliveConnection() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      for (int i = 0; i < 5; i++) {
        assertThat(client.send(get("/" + i)).readResponse().body()).isEqualTo("ok");
      }
    }
  }

  @Test
  void answersPipelinedRequestsInOrder() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      client.send(get("/a") + get("/b") + get("/c"));
      for (int i = 0; i < 3; i++) {
        assertThat(client.readResponse().status()).isEqualTo(200);
      }
      // The guard watches again once the read-ahead requests are served.
      assertRejected(client.send(getOfSize(MAX_HEADER_BYTES + 1)).readResponse(), 431);
    }
  }

  @Test
  void acceptsAHeaderBlockOfExactlyTheLimit() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      String request = getOfSize(MAX_HEADER_BYTES);
      assertThat(request).hasSize(MAX_HEADER_BYTES);
      assertThat(client.send(request).readResponse().status()).isEqualTo(200);
    }
  }

  @Test
  void answers431ToAHeaderBlockOneByteOverTheLimitThenCloses() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      assertRejected(client.send(getOfSize(MAX_HEADER_BYTES + 1)).readResponse(), 431);
      assertThat(client.atEndOfStream()).isTrue();
    }
  }

  @Test
  void answers431WhileTheClientIsStillSendingAHugeHeaderBlock() throws Exception {
    start(LIMITS);
    try (RawClient client = connect()) {
      // More than socket buffers hold, so the client is still writing when the answer comes.
      byte[] filler = "a".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  client.send("GET / HTTP/1.1\r\nHost: localhost\r\nX-Fill: ");
                  for (int i = 0; i < 32; i++) {
                    client.send(filler);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      // Neither the answer nor the client's writes are lost to a reset: the server swallows the rest.
      assertRejected(client.readResponse(), 431);
      assertThat(client.atEndOfStream()).isTrue();
      sending.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void answers431ToAnOversizedSecondRequestOnAKeepAliveConnection() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      assertThat(client.send(get("/")).readResponse().status()).isEqualTo(200);
      assertRejected(client.send(getOfSize(MAX_HEADER_BYTES + 1)).readResponse(), 431);
      assertThat(client.atEndOfStream()).isTrue();
    }
  }

  @Test
  void answers408WhenHeadersTrickleInPastTheDeadline() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      // A first request, so that the second one's deadline is a restarted one.
      assertThat(client.send(get("/")).readResponse().status()).isEqualTo(200);
      assertThat(client.awaitData(HEADER_TIMEOUT.dividedBy(2))).isFalse();
      byte[] endless = ("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(1000))
          .getBytes(StandardCharsets.ISO_8859_1);
      long startNanos = System.nanoTime();
      int sent = 0;
      // A byte every 50 ms keeps the connection busy: only a deadline from the first byte ends this.
      while (!client.awaitData(Duration.ofMillis(50))) {
        assertThat(sent).as("bytes sent without an answer").isLessThan(endless.length);
        client.send(new byte[] {endless[sent++]});
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      assertRejected(client.readResponse(), 408);
      assertThat(elapsed).isBetween(HEADER_TIMEOUT, HEADER_TIMEOUT.multipliedBy(4));
      assertThat(client.atEndOfStream()).isTrue();
    }
  }

  @Test
  void acceptsSlowHeadersThatEndInTime() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      client.send("GET / HTTP/1.1\r\nHo");
      assertThat(client.awaitData(HEADER_TIMEOUT.dividedBy(5))).isFalse();
      client.send("st: localhost\r\n\r");
      assertThat(client.awaitData(HEADER_TIMEOUT.dividedBy(5))).isFalse();
      assertThat(client.send("\n").readResponse().status()).isEqualTo(200);
    }
  }

  @Test
  void leavesBareLineFeedsToUndertowWhichRefusesThem() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      // The guard sees the block end (no 408); Undertow's parser then insists on CRLF.
      assertThat(client.send("GET / HTTP/1.1\nHost: localhost\n\n").readResponse().status()).isEqualTo(400);
    }
  }

  @Test
  void leavesAnIdleKeepAliveConnectionAloneUntilItsNextRequest() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      assertThat(client.send(get("/")).readResponse().status()).isEqualTo(200);
      assertThat(client.awaitData(HEADER_TIMEOUT.multipliedBy(3))).isFalse();
      assertThat(client.send(get("/")).readResponse().status()).isEqualTo(200);
    }
  }

  @Test
  void closesAnIdleConnectionSilentlyAfterTheIdleTimeout() throws IOException {
    start(new FrontendConfig(HEADER_TIMEOUT, MAX_HEADER_BYTES, 1024, Duration.ofMillis(800), 1));
    try (RawClient fresh = connect();
        RawClient used = connect()) {
      assertThat(used.send(get("/")).readResponse().status()).isEqualTo(200);
      long startNanos = System.nanoTime();
      assertThat(used.atEndOfStream()).isTrue();
      assertThat(fresh.atEndOfStream()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThan(HEADER_TIMEOUT);
    }
  }

  @Test
  void neverCountsABodyAsHeadersNorTimesItOut() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      byte[] body = bodyFullOfBlankLines(1024 * 1024);
      client.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\n\r\n");
      sendSlowly(client, body);
      assertThat(client.readResponse().body()).isEqualTo("received " + body.length);
      assertThat(client.send(get("/")).readResponse().status()).isEqualTo(200);
    }
  }

  @Test
  void neverCountsAChunkedBodyAsHeaders() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      byte[] chunk = bodyFullOfBlankLines(64 * 1024);
      client.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 4; i++) {
        client.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk).send("\r\n");
        assertThat(client.awaitData(HEADER_TIMEOUT.dividedBy(2))).isFalse();
      }
      client.send("0\r\n\r\n");
      assertThat(client.readResponse().body()).isEqualTo("received " + 4 * chunk.length);
    }
  }

  @Test
  void neverCountsTheBodyOfAReadAheadRequestAsHeaders() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      byte[] body = bodyFullOfBlankLines(256 * 1024);
      // The POST's headers travel with the GET, so the guard never sees them as a new request.
      client.send(get("/") + "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\n\r\n");
      assertThat(client.readResponse().body()).isEqualTo("ok");
      sendSlowly(client, body);
      assertThat(client.readResponse().body()).isEqualTo("received " + body.length);
    }
  }

  @Test
  void neverCountsABodyAfterReadAheadHeadersThatEndInALaterRead() throws IOException {
    // A limit below one read's worth of body, so that counting the body would show.
    start(new FrontendConfig(HEADER_TIMEOUT, 1024, 1024 * 1024, Duration.ofSeconds(30), 1));
    try (RawClient client = connect()) {
      byte[] body = "x".repeat(8 * 1024).getBytes(StandardCharsets.US_ASCII);
      client.send(get("/") + "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\n");
      assertThat(client.readResponse().body()).isEqualTo("ok");
      // The empty line that ends the POST's headers comes with its body, after the GET was answered.
      byte[] rest = new byte[2 + body.length];
      rest[0] = '\r';
      rest[1] = '\n';
      System.arraycopy(body, 0, rest, 2, body.length);
      assertThat(client.send(rest).readResponse().body()).isEqualTo("received " + body.length);
    }
  }

  @Test
  void stopsWatchingAnUpgradedConnection() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      client.send("GET /upload-raw HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n");
      assertThat(client.readResponse().status()).isEqualTo(101);
      byte[] half = new byte[TestHandler.UPGRADED_BYTES / 2];
      Arrays.fill(half, (byte) 'x');
      client.send(half);
      assertThat(client.awaitData(HEADER_TIMEOUT.multipliedBy(2))).isFalse();
      client.send(half);
      assertThat(client.readLine()).isEqualTo("got " + TestHandler.UPGRADED_BYTES);
    }
  }

  @Test
  void answers400ToAMalformedRequestLine() throws IOException {
    start(LIMITS);
    try (RawClient client = connect()) {
      assertThat(client.send("GET /a b c HTTP/1.1\r\nHost: localhost\r\n\r\n").readResponse().status())
          .isEqualTo(400);
    }
  }

  @Test
  void finishesAnExchangeInFlightDuringAGracefulShutdown() throws Exception {
    InetSocketAddress address = start(LIMITS);
    try (RawClient slow = connect();
        RawClient idle = connect()) {
      assertThat(idle.send(get("/")).readResponse().status()).isEqualTo(200);
      slow.send(get("/slow"));
      handler.slowStarted.get(10, TimeUnit.SECONDS);

      CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> frontend.shutdown(Duration.ofSeconds(20)));
      await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(address));
      assertThat(idle.send(get("/")).readResponse().status()).isEqualTo(503);
      assertThat(shutdown).isNotDone();

      handler.release.complete(null);
      Response response = slow.readResponse();
      assertThat(response.body()).isEqualTo("done");
      assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(slow.atEndOfStream()).isTrue();
    }
  }

  @Test
  void reportsAnExchangeThatOutlivesTheGracePeriod() throws Exception {
    start(LIMITS);
    try (RawClient slow = connect()) {
      slow.send(get("/slow"));
      handler.slowStarted.get(10, TimeUnit.SECONDS);
      long startNanos = System.nanoTime();
      assertThat(frontend.shutdown(Duration.ofMillis(300))).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(slow.atEndOfStream()).isTrue();
      assertThat(frontend.shutdown(Duration.ofMillis(300))).isFalse();
    }
  }

  @Test
  void failsToStartOnATakenAddressWithoutLeavingAnythingRunning() throws IOException {
    InetSocketAddress taken = start(LIMITS);
    long threadsBefore = frontendThreads();
    InetSocketAddress free = new InetSocketAddress("127.0.0.1", 0);
    assertThatThrownBy(() -> Frontend.startOn(List.of(free, taken), LIMITS, handler))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot listen on " + taken);
    await().atMost(Duration.ofSeconds(10)).until(() -> frontendThreads() == threadsBefore);
  }

  private static long frontendThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("tether-frontend"))
        .count();
  }

  @Test
  void rejectsLimitsItCannotApply() {
    FrontendConfig zeroTimeout = new FrontendConfig(Duration.ZERO, MAX_HEADER_BYTES, 0, Duration.ofSeconds(1), 0);
    assertThatThrownBy(() -> Frontend.startOn(List.of(new InetSocketAddress("127.0.0.1", 0)), zeroTimeout, handler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headerTimeout: PT0S (expected: 1ms..12d)");
  }

  private static boolean refusesConnections(InetSocketAddress address) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  /** A body made to look like the end of a header block over and over. */
  private static byte[] bodyFullOfBlankLines(int size) {
    byte[] body = new byte[size];
    byte[] pattern = "x\r\n\r\n\n\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      body[i] = pattern[i % pattern.length];
    }
    return body;
  }

  /** Sends in four parts with a pause between them, so the whole takes longer than the header timeout. */
  private static void sendSlowly(RawClient client, byte[] bytes) throws IOException {
    int part = bytes.length / 4;
    for (int i = 0; i < 4; i++) {
      int end = i == 3 ? bytes.length : (i + 1) * part;
      client.send(Arrays.copyOfRange(bytes, i * part, end));
      if (i < 3) {
        assertThat(client.awaitData(HEADER_TIMEOUT.dividedBy(2))).isFalse();
      }
    }
  }
}
