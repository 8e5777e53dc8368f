package tether.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tether.proxy.clock.SystemScheduler;
import tether.proxy.config.HostPort;
import tether.proxy.testing.ManualScheduler;

/**
 * TCP checks against real sockets on loopback. The time-out is not tested against a real socket: no
 * loopback listener can be made to leave a connect hanging reliably (a full backlog on Linux may still
 * complete the handshake), so only refusal and success are.
 */
class TcpProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static CheckTarget target(int port) {
    return new CheckTarget("s1", new HostPort("127.0.0.1", port));
  }

  @Test
  void aListeningPortPasses() throws Exception {
    try (SystemScheduler scheduler = new SystemScheduler("tcp-probe-test");
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CheckResult result = new TcpProbe(TIMEOUT, scheduler).check(target(server.getLocalPort())).get(5, TimeUnit.SECONDS);

      assertThat(result.passed()).isTrue();
      assertThat(result.detail()).matches("connected in \\d+ms");
      assertThat(result.directive()).isNull();
    }
  }

  @Test
  void aClosedPortFailsWithTheRefusal() throws Exception {
    try (SystemScheduler scheduler = new SystemScheduler("tcp-probe-test")) {
      CheckResult result = new TcpProbe(TIMEOUT, scheduler).check(target(closedPort())).get(5, TimeUnit.SECONDS);

      assertThat(result.passed()).isFalse();
      assertThat(result.detail()).startsWith("ConnectException").containsIgnoringCase("refused");
    }
  }

  @Test
  void aConnectionMadeCancelsItsTimeOut() throws Exception {
    ManualScheduler scheduler = new ManualScheduler();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var future = new TcpProbe(TIMEOUT, scheduler).check(target(server.getLocalPort()));

      assertThat(future.get(5, TimeUnit.SECONDS).passed()).isTrue();
      // Time never moves here, so the time-out is pending until cancelled, by the thread that completed
      // the check, which may still be at it.
      await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.pending() == 0);
    }
  }

  /** A loopback port nobody listens on: bound by the system, then let go. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
