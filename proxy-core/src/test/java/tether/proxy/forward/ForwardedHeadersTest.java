package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.ForwardedConfig;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** X-Forwarded-*, Forwarded and Via for trusted and untrusted clients. */
class ForwardedHeadersTest {

  @RegisterExtension
  static WireMockExtension backend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SPOOFING_REQUEST =
      "GET /f HTTP/1.1\r\nHost: shop.example\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\n"
          + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Port: 1\r\nForwarded: for=6.6.6.6\r\n"
          + "Via: 1.0 upstream\r\n\r\n";

  @BeforeEach
  void stub() {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
  }

  @Test
  void untrustedClientsHaveTheirForwardingHeadersReplaced() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create());

    assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(received.getHeader("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(received.getHeader("X-Forwarded-Host")).isEqualTo("shop.example");
    assertThat(received.getHeader("X-Forwarded-Port")).isEqualTo(Integer.toString(lastProxyPort));
    assertThat(received.getHeaders().getHeader("Forwarded").values())
        .containsExactly("for=127.0.0.1;host=\"shop.example\";proto=http");
    // Via is a record of hops, not a claim about the client: it is always appended to.
    assertThat(received.getHeader("Via")).isEqualTo("1.0 upstream, 1.1 tether");
  }

  @Test
  void trustedProxiesHaveTheirHeadersKeptAndAppendedTo() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create().trustedProxies("127.0.0.0/8"));

    assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("6.6.6.6, 127.0.0.1");
    assertKeptAsSent(received);
    assertThat(received.getHeaders().getHeader("Forwarded").values())
        .containsExactly("for=6.6.6.6, for=127.0.0.1;host=\"shop.example\";proto=http");
  }

  @Test
  void aTrustListThatExcludesTheClientStillReplaces() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create().trustedProxies("10.0.0.0/8", "::1"));

    assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
  }

  @Test
  void familiesLeftOutAreDroppedFromUntrustedClientsAndNotWritten() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create().forwarding("tether"));

    assertThat(received.getHeaders().keys()).doesNotContain(
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded");
    assertThat(received.getHeader("Via")).isEqualTo("1.0 upstream, 1.1 tether");
  }

  @Test
  void familiesLeftOutArePassedOnUnchangedFromTrustedProxies() throws Exception {
    LoggedRequest received = sendThrough(
        TestConfig.create().trustedProxies("127.0.0.0/8").forwarding("tether", ForwardedConfig.Header.FORWARDED));

    assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("6.6.6.6");
    assertKeptAsSent(received);
    assertThat(received.getHeaders().getHeader("Forwarded").values())
        .containsExactly("for=6.6.6.6, for=127.0.0.1;host=\"shop.example\";proto=http");
  }

  @Test
  void withoutAViaNameTheClientsViaIsPassedOn() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create().forwarding("", ForwardedConfig.Header.X_FORWARDED));

    assertThat(received.getHeader("Via")).isEqualTo("1.0 upstream");
    assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(received.getHeaders().keys()).doesNotContain("Forwarded");
  }

  @Test
  void hostCanBeReplacedByTheServersAddress() throws Exception {
    LoggedRequest received = sendThrough(TestConfig.create().preserveHost(false));

    assertThat(received.getHeader("Host")).isEqualTo("127.0.0.1:" + backend.getPort());
    assertThat(received.getHeader("X-Forwarded-Host")).isEqualTo("shop.example");
  }

  @Test
  void everyRequestOfAKeepAliveConnectionCarriesTheSameClientHeaders() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(
            TestConfig.create().trustedProxies("127.0.0.0/8").pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      // The client's own part is worked out once per connection; what each request claims is its own.
      assertThat(raw.send("GET /1 HTTP/1.1\r\nHost: a.example\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n")
          .readResponse().status()).isEqualTo(200);
      assertThat(raw.send("GET /2 HTTP/1.1\r\nHost: b.example\r\n\r\n").readResponse().status())
          .isEqualTo(200);
    }
    List<LoggedRequest> all = backend.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).extracting(LoggedRequest::getUrl).containsExactly("/1", "/2");
    assertThat(all.get(0).getHeader("X-Forwarded-For")).isEqualTo("6.6.6.6, 127.0.0.1");
    assertThat(all.get(0).getHeaders().getHeader("Forwarded").values())
        .containsExactly("for=127.0.0.1;host=\"a.example\";proto=http");
    assertThat(all.get(1).getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(all.get(1).getHeader("X-Forwarded-Host")).isEqualTo("b.example");
    assertThat(all.get(1).getHeaders().getHeader("Forwarded").values())
        .containsExactly("for=127.0.0.1;host=\"b.example\";proto=http");
  }

  private int lastProxyPort;

  /** The X-Forwarded values other than the address, as the spoofing request sent them. */
  private static void assertKeptAsSent(LoggedRequest received) {
    assertThat(received.getHeader("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(received.getHeader("X-Forwarded-Host")).isEqualTo("evil.example");
    assertThat(received.getHeader("X-Forwarded-Port")).isEqualTo("1");
  }

  private LoggedRequest sendThrough(TestConfig config) throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config.pool("app", backend.getPort()).route("/", "app"));
        RawHttp raw = new RawHttp(proxy.port())) {
      lastProxyPort = proxy.port();
      assertThat(raw.send(SPOOFING_REQUEST).readResponse().status()).isEqualTo(200);
    }
    List<LoggedRequest> all = backend.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
