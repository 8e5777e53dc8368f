package tether.proxy.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import tether.proxy.config.AffinityConfig;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** One access-log line per request, with the affinity outcome, whoever answered. */
class AccessLogTest {

  @RegisterExtension
  static WireMockExtension backend = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Logger logger = (Logger) LoggerFactory.getLogger("tether.access");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level before;

  @BeforeEach
  void capture() {
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(before);
  }

  @Test
  void everyRequestGetsOneLineWithItsServerAndAffinity() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withBody("hello")));
    TestConfig config =
        TestConfig.create()
            .pool("app", backend.getPort())
            .affinity("app", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
            .keys("k1", Map.of("k1", Affinities.KEY))
            .route("/app", "app");
    try (RunningProxy proxy = RunningProxy.start(config);
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response first = raw.send("GET /app/a?x=1 HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
      // A line is written as the exchange ends, which may be just after the client has the response.
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 1);
      String cookie = first.header("Set-Cookie").split(";")[0];
      raw.send("POST /app/b HTTP/1.1\r\nHost: t\r\nCookie: " + cookie + "\r\nContent-Length: 3\r\n\r\nabc").readResponse();
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 2);
      raw.send("GET /elsewhere%22%0a HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
    }

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 3);
    List<String> text = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(text.get(0)).matches(
        "127\\.0\\.0\\.1 \"GET /app/a\\?x=1 HTTP/1\\.1\" 200 pool=app server=s1 affinity=none in=0 out=5 ms=\\d+\\.\\d");
    assertThat(text.get(1)).matches(
        "127\\.0\\.0\\.1 \"POST /app/b HTTP/1\\.1\" 200 pool=app server=s1 affinity=valid/cookie in=3 out=5 ms=\\d+\\.\\d");
    // An encoded control character is refused outright, and logged as sent.
    assertThat(text.get(2)).startsWith("127.0.0.1 \"GET /elsewhere%22%0a HTTP/1.1\" 400 pool=- server=- affinity=-");
  }

  @Test
  void aClientCannotForgeLogLines() {
    assertThat(AccessLog.RequestLine.printable("/a b\"c\nd")).isEqualTo("/a\\x20b\\x22c\\x0ad");
    String plain = "/plain/path";
    assertThat(AccessLog.RequestLine.printable(plain)).isSameAs(plain);
  }
}
