package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RawServer;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** What the server's response loses on its way to the client: only hop-by-hop headers. */
class ResponseHeadersTest {

  @Test
  void hopByHopHeadersAndConnectionTokensAreRemovedFromResponses() throws Exception {
    String reply =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: X-Internal\r\nX-Internal: secret\r\n"
            + "Keep-Alive: timeout=9\r\nProxy-Authenticate: Basic\r\nUpgrade: h2c\r\nX-Kept: yes\r\n"
            + "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nok";
    try (RawServer server = RawServer.replying(reply);
        RunningProxy proxy = RunningProxy.start(TestConfig.create().pool("app", server.port()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo("ok");
      assertThat(response.header("X-Kept")).isEqualTo("yes");
      assertThat(response.head()).contains("Set-Cookie: a=1\r\n").contains("Set-Cookie: b=2\r\n");
      for (String removed : new String[] {"X-Internal", "Keep-Alive", "Proxy-Authenticate", "Upgrade"}) {
        assertThat(response.header(removed)).as(removed).isNull();
      }
    }
  }
}
