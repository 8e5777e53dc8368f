package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.HostPort;
import tether.proxy.config.ServerConfig;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** Weights 5:1:1 over 7,000 requests through the proxy give exactly 5,000, 1,000 and 1,000. */
class DistributionTest {

  @RegisterExtension
  static WireMockExtension a = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension b = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension c = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void weightedRoundRobinIsExact() throws Exception {
    for (WireMockExtension server : List.of(a, b, c)) {
      server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x")));
    }
    TestConfig config =
        TestConfig.create()
            .pool(
                "app",
                List.of(
                    new ServerConfig("a", new HostPort("127.0.0.1", a.getPort()), 5),
                    new ServerConfig("b", new HostPort("127.0.0.1", b.getPort()), 1),
                    new ServerConfig("c", new HostPort("127.0.0.1", c.getPort()), 1)))
            .route("/", "app");
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int i = 0; i < 7000; i++) {
        assertThat(raw.send("GET /d HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(200);
      }
    }
    assertThat(a.findAll(anyRequestedFor(anyUrl()))).hasSize(5000);
    assertThat(b.findAll(anyRequestedFor(anyUrl()))).hasSize(1000);
    assertThat(c.findAll(anyRequestedFor(anyUrl()))).hasSize(1000);
  }
}
