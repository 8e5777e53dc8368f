package tether.proxy.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.RetryConfig;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** Replays after a server answered badly or too late: idempotent requests only, within the budget. */
class RetryTest {

  @RegisterExtension
  static WireMockExtension failing = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension healthy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void stubs() {
    failing.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("overloaded")));
    healthy.stubFor(any(anyUrl()).willReturn(aResponse().withBody("fine")));
  }

  private RunningProxy proxy(RetryConfig retries) {
    return RunningProxy.start(
        TestConfig.create()
            .pool("app", failing.getPort(), healthy.getPort())
            .tune("app", p -> p.withRetries(retries))
            .responseTimeout(Duration.ofMillis(300))
            .route("/", "app"));
  }

  private static RetryConfig on(boolean timeout, Set<Integer> statuses, double ratio, int minPerSecond) {
    return new RetryConfig(3, new RetryConfig.On(timeout, true, statuses), ratio, minPerSecond);
  }

  @Test
  void aGetAnswered503IsSentToAnotherServer() throws Exception {
    try (RunningProxy proxy = proxy(on(false, Set.of(503), 0.2, 10));
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int i = 0; i < 4; i++) {
        RawHttp.Response response = raw.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("fine");
      }
      // The retry's own pick moves round robin on, so s1 comes first for every request and each is
      // replayed on s2.
      failing.verify(4, anyRequestedFor(anyUrl()));
      healthy.verify(4, anyRequestedFor(anyUrl()));
      assertThat(proxy.meter("tether.pool.app.server.s1.retries")).isEqualTo(4);
    }
  }

  @Test
  void aPostIsNeverReplayed() throws Exception {
    try (RunningProxy proxy = proxy(on(true, Set.of(503), 0.2, 10));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          raw.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi").readResponse();
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.bodyText()).isEqualTo("overloaded");
      healthy.verify(0, anyRequestedFor(anyUrl()));
      assertThat(proxy.meter("tether.pool.app.server.s1.retries")).isZero();
    }
  }

  @Test
  void statusesNotListedAreRelayed() throws Exception {
    try (RunningProxy proxy = proxy(on(false, Set.of(502), 0.2, 10));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(503);
      healthy.verify(0, anyRequestedFor(anyUrl()));
    }
  }

  @Test
  void anEmptyBudgetStopsReplays() throws Exception {
    try (RunningProxy proxy = proxy(on(false, Set.of(503), 0.0, 0));
        RawHttp raw = new RawHttp(proxy.port())) {
      assertThat(raw.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").readResponse().status()).isEqualTo(503);
      healthy.verify(0, anyRequestedFor(anyUrl()));
    }
  }

  @Test
  void aGetThatTimesOutIsReplayedWhenTimeoutsAreListed() throws Exception {
    failing.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(2_000).withBody("late")));
    try (RunningProxy proxy = proxy(on(true, Set.of(), 0.2, 10));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response response = raw.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo("fine");
      assertThat(proxy.meter("tether.pool.app.server.s1.errors.timeout")).isEqualTo(1);
      assertThat(proxy.meter("tether.pool.app.server.s1.retries")).isEqualTo(1);
    }
  }
}
