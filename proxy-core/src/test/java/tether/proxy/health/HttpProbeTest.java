package tether.proxy.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.proxy.config.HealthCheckConfig;
import tether.proxy.config.HealthCheckConfig.HttpSettings;
import tether.proxy.config.HealthCheckConfig.StatusRange;
import tether.proxy.config.HostPort;

/** HTTP checks against a real server: what is sent, and how each kind of answer is judged. */
class HttpProbeTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String CONTROL = HttpSettings.DEFAULT_CONTROL_HEADER;

  private static HttpSettings settings() {
    return new HttpSettings("GET", "/health", null, HttpSettings.DEFAULT_STATUSES, null, null, CONTROL, false);
  }

  private static HealthCheckConfig config(HttpSettings http, Duration timeout) {
    return new HealthCheckConfig(true, HealthCheckConfig.Type.HTTP, Duration.ofSeconds(2), Duration.ofMillis(500),
        0.1, timeout, 2, 3, HealthCheckConfig.Start.DOWN, http);
  }

  private static CheckTarget target(int port) {
    return new CheckTarget("s1", new HostPort("127.0.0.1", port));
  }

  private static CheckResult check(HttpSettings http) throws Exception {
    return check(http, Duration.ofSeconds(1), server.getPort());
  }

  private static CheckResult check(HttpSettings http, Duration timeout, int port) throws Exception {
    try (HttpProbe probe = new HttpProbe(config(http, timeout))) {
      return probe.check(target(port)).get(10, TimeUnit.SECONDS);
    }
  }

  private static void answer(ResponseDefinitionBuilder response) {
    server.stubFor(any(urlEqualTo("/health")).willReturn(response));
  }

  private static HttpSettings statuses(StatusRange... ranges) {
    return new HttpSettings("GET", "/health", null, List.of(ranges), null, null, CONTROL, false);
  }

  private static HttpSettings body(String contains, String regex) {
    return new HttpSettings("GET", "/health", null, HttpSettings.DEFAULT_STATUSES, contains, regex, CONTROL, false);
  }

  @Test
  void aStatusInTheDefaultRangePassesAndOneOutsideFails() throws Exception {
    answer(aResponse().withStatus(204));
    assertThat(check(settings())).isEqualTo(new CheckResult(true, "HTTP 204", null));

    answer(aResponse().withStatus(503));
    assertThat(check(settings())).isEqualTo(new CheckResult(false, "HTTP 503 (expected: 200-399)", null));
  }

  @Test
  void statusesAreSingleCodesOrRangesAndARedirectIsNotFollowed() throws Exception {
    HttpSettings http = statuses(new StatusRange(204, 204), new StatusRange(300, 399));

    answer(aResponse().withStatus(302).withHeader("Location", "/elsewhere"));
    assertThat(check(http).passed()).isTrue();
    answer(aResponse().withStatus(204));
    assertThat(check(http).passed()).isTrue();
    answer(aResponse().withStatus(200));
    assertThat(check(http)).isEqualTo(new CheckResult(false, "HTTP 200 (expected: 204, 300-399)", null));
    answer(aResponse().withStatus(400));
    assertThat(check(http).passed()).isFalse();
    server.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
  }

  @Test
  void theBodyMustContainTheStringOrMatchTheRegex() throws Exception {
    answer(aResponse().withBody("{\"status\": \"UP\", \"db\": \"ok\"}"));

    assertThat(check(body("\"status\": \"UP\"", null)))
        .isEqualTo(new CheckResult(true, "HTTP 200, found \"status\": \"UP\" in the body", null));
    assertThat(check(body("DOWN", null)))
        .isEqualTo(new CheckResult(false, "HTTP 200, did not find DOWN in the body", null));
    assertThat(check(body(null, "\"db\":\\s*\"ok\"")))
        .isEqualTo(new CheckResult(true, "HTTP 200, found a match of \"db\":\\s*\"ok\" in the body", null));
    assertThat(check(body(null, "^ok$")).passed()).isFalse();
  }

  @Test
  void aFailedStatusIsNotRescuedByTheBody() throws Exception {
    answer(aResponse().withStatus(500).withBody("ok"));

    assertThat(check(body("ok", null))).isEqualTo(new CheckResult(false, "HTTP 500 (expected: 200-399)", null));
  }

  @Test
  void aHugeBodyIsJudgedOnItsFirst64KiBAndNotReadFurther() throws Exception {
    int size = 8 * 1024 * 1024;
    StringBuilder early = new StringBuilder("status=ok\n");
    early.append("x".repeat(size - early.length()));
    StringBuilder late = new StringBuilder("x".repeat(HttpProbe.MAX_BODY_BYTES + 10)).append("status=ok\n");
    late.append("x".repeat(size - late.length()));

    answer(aResponse().withBody(early.toString()));
    assertThat(check(body("status=ok", null), Duration.ofMillis(1500), server.getPort()))
        .isEqualTo(new CheckResult(true, "HTTP 200, found status=ok in its first 65536 bytes", null));

    // Beyond the first 64 KiB is never looked at, so a marker there is not found.
    answer(aResponse().withBody(late.toString()));
    assertThat(check(body(null, "status=ok"), Duration.ofMillis(1500), server.getPort()))
        .isEqualTo(new CheckResult(false, "HTTP 200, did not find a match of status=ok in its first 65536 bytes", null));

    // Without a body check, a huge body passes on its status alone.
    assertThat(check(settings(), Duration.ofMillis(1500), server.getPort()))
        .isEqualTo(new CheckResult(true, "HTTP 200", null));
  }

  @Test
  void aBodyOfExactly64KiBIsReadWhole() throws Exception {
    answer(aResponse().withBody("x".repeat(HttpProbe.MAX_BODY_BYTES - 2) + "ok"));

    assertThat(check(body("ok", null))).isEqualTo(new CheckResult(true, "HTTP 200, found ok in the body", null));
  }

  @Test
  void theHostHeaderIsTheConfiguredOneOrTheServersAddressAndTheAgentNamesTheCheck() throws Exception {
    answer(aResponse().withStatus(200));
    check(new HttpSettings("GET", "/health", "app.example.com", HttpSettings.DEFAULT_STATUSES, null, null, CONTROL,
        false));
    check(settings());

    server.verify(1, getRequestedFor(urlEqualTo("/health")).withHeader("Host", equalTo("app.example.com"))
        .withHeader("User-Agent", equalTo("tether-health-check")));
    server.verify(1, getRequestedFor(urlEqualTo("/health")).withHeader("Host", equalTo("127.0.0.1:" + server.getPort()))
        .withHeader("User-Agent", equalTo("tether-health-check")));
  }

  @Test
  void theMethodAndPathWithAQueryAreSentAsConfigured() throws Exception {
    server.stubFor(any(urlEqualTo("/status?deep=1")).willReturn(aResponse().withStatus(200)));
    HttpSettings head = new HttpSettings("HEAD", "/status?deep=1", null, HttpSettings.DEFAULT_STATUSES, null, null,
        CONTROL, false);
    HttpSettings post = new HttpSettings("POST", "/status?deep=1", null, HttpSettings.DEFAULT_STATUSES, null, null,
        CONTROL, false);

    assertThat(check(head).passed()).isTrue();
    assertThat(check(post).passed()).isTrue();
    server.verify(1, new RequestPatternBuilder(RequestMethod.HEAD, urlEqualTo("/status?deep=1")));
    server.verify(1, postRequestedFor(urlEqualTo("/status?deep=1")));
  }

  @Test
  void aServerSlowerThanTheTimeoutFailsTheCheckInTime() throws Exception {
    answer(aResponse().withStatus(200).withFixedDelay(3000));

    long start = System.nanoTime();
    CheckResult result = check(settings(), Duration.ofMillis(300), server.getPort());

    assertThat(result).isEqualTo(new CheckResult(false, "timed out after 300ms", null));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aRefusedConnectionFailsTheCheck() throws Exception {
    CheckResult result = check(settings(), Duration.ofSeconds(1), TcpProbeTest.closedPort());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).startsWith("ConnectException").containsIgnoringCase("refused");
  }

  @Test
  void theControlHeaderIsReadIntoADirectiveWhateverTheStatus() throws Exception {
    answer(aResponse().withStatus(200).withHeader(CONTROL, "drain, 50%"));
    assertThat(check(settings()).directive()).isEqualTo(new Directive(AgentState.DRAIN, 50));

    answer(aResponse().withStatus(503).withHeader(CONTROL, "MAINT"));
    CheckResult failed = check(settings());
    assertThat(failed.passed()).isFalse();
    assertThat(failed.directive()).isEqualTo(new Directive(AgentState.MAINTENANCE, null));

    answer(aResponse().withStatus(200).withHeader(CONTROL, "up-to-date 30%"));
    assertThat(check(settings()).directive()).isEqualTo(new Directive(null, 30));

    answer(aResponse().withStatus(200).withHeader(CONTROL, "whatever"));
    assertThat(check(settings()).directive()).isNull();
  }

  @Test
  void theControlHeaderIsTheConfiguredOneOrNone() throws Exception {
    answer(aResponse().withStatus(200).withHeader("X-Agent", "ready 100%").withHeader(CONTROL, "drain"));
    HttpSettings agent = new HttpSettings("GET", "/health", null, HttpSettings.DEFAULT_STATUSES, null, null,
        "X-Agent", false);
    HttpSettings none = new HttpSettings("GET", "/health", null, HttpSettings.DEFAULT_STATUSES, null, null, "", false);

    assertThat(check(agent).directive()).isEqualTo(new Directive(AgentState.READY, 100));
    assertThat(check(none).directive()).isNull();
  }

  @Test
  void with404AsSoftStopA404PassesAndAsksForADrain() throws Exception {
    HttpSettings softStop = new HttpSettings("GET", "/health", null, HttpSettings.DEFAULT_STATUSES, "ok", null,
        CONTROL, true);
    answer(aResponse().withStatus(404).withHeader(CONTROL, "20%"));

    assertThat(check(softStop))
        .isEqualTo(new CheckResult(true, "HTTP 404: soft stop, drain", new Directive(AgentState.DRAIN, 20)));
    assertThat(check(body("ok", null)))
        .isEqualTo(new CheckResult(false, "HTTP 404 (expected: 200-399)", new Directive(null, 20)));
  }

  @Test
  void cookiesAreNotKeptBetweenChecks() throws Exception {
    answer(aResponse().withStatus(200).withHeader("Set-Cookie", "JSESSIONID=abc; Path=/"));

    try (HttpProbe probe = new HttpProbe(config(settings(), Duration.ofSeconds(1)))) {
      assertThat(probe.check(target(server.getPort())).get(10, TimeUnit.SECONDS).passed()).isTrue();
      assertThat(probe.check(target(server.getPort())).get(10, TimeUnit.SECONDS).passed()).isTrue();
    }
    server.verify(2, getRequestedFor(urlEqualTo("/health")));
    server.verify(2, getRequestedFor(urlEqualTo("/health")).withHeader("Cookie", absent()));
  }
}
