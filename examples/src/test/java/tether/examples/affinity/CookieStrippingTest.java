package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tether's cookie never reaches a server, wherever it sits in the Cookie header and whether it is
 * good or not, while every other cookie passes through intact. The demo app's {@code /echo} shows the
 * request headers exactly as the server received them.
 */
@Timeout(60)
class CookieStrippingTest {

  @TempDir
  static Path dir;

  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static DemoFleet fleet;
  private static RunningTether proxy;
  private static RunningTether renamed;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    fleet = DemoFleet.routed(3);
    proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [cookie]"));
    renamed = RunningTether.start(dir, Hocon.tether(fleet, """
        strategies = [cookie]
        cookie { name = AFFINITY }
        """));
    HttpResponse<String> first = send(proxy, List.of());
    token = first.headers().allValues("Set-Cookie").stream()
        .filter(h -> h.startsWith("TETHER="))
        .map(h -> h.substring("TETHER=".length(), h.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no TETHER cookie: " + first.headers().map()));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {proxy, renamed, fleet}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void otherCookiesPassUnchangedWhenThereIsNoTetherCookie() throws Exception {
    assertThat(cookiesSeenByServer(proxy, "theme=dark; JSESSIONID=ABC.node1; lang=en"))
        .containsExactly("theme=dark; JSESSIONID=ABC.node1; lang=en");
  }

  @Test
  void tetherCookieIsRemovedWhereverItSits() throws Exception {
    assertThat(cookiesSeenByServer(proxy, "theme=dark; TETHER=" + token + "; JSESSIONID=ABC.node1; lang=en"))
        .containsExactly("theme=dark; JSESSIONID=ABC.node1; lang=en");
    assertThat(cookiesSeenByServer(proxy, "TETHER=" + token + "; theme=dark"))
        .containsExactly("theme=dark");
    assertThat(cookiesSeenByServer(proxy, "theme=dark; TETHER=" + token))
        .containsExactly("theme=dark");
  }

  @Test
  void aCookieHeaderWithOnlyTetherCookieIsNotForwarded() throws Exception {
    assertThat(cookiesSeenByServer(proxy, "TETHER=" + token)).isEmpty();
  }

  @Test
  void aBadTetherCookieIsRemovedToo() throws Exception {
    assertThat(cookiesSeenByServer(proxy, "a=1; TETHER=forged-value; b=2")).containsExactly("a=1; b=2");
    assertThat(cookiesSeenByServer(proxy, "a=1; TETHER=; b=2")).containsExactly("a=1; b=2");
  }

  @Test
  void everyTetherCookieGoesAcrossSeveralCookieHeaders() throws Exception {
    List<String> seen = cookiesSeenByServer(proxy, "a=1; TETHER=" + token, "TETHER=other; b=2");

    assertThat(String.join("; ", seen)).doesNotContain("TETHER");
    assertThat(String.join("; ", seen).split("; ")).containsExactly("a=1", "b=2");
  }

  @Test
  void cookiesWithSimilarNamesAndOddValuesPassIntact() throws Exception {
    String others = "TETHER2=a; XTETHER=b; tether=c; TETHER_=d; q=\"quoted value\"; e=x=y";

    assertThat(cookiesSeenByServer(proxy, "TETHER=" + token + "; " + others)).containsExactly(others);
  }

  @Test
  void theConfiguredNameIsTheOneRemoved() throws Exception {
    assertThat(cookiesSeenByServer(renamed, "TETHER=" + token + "; AFFINITY=anything; a=1"))
        .containsExactly("TETHER=" + token + "; a=1");
  }

  /** The Cookie header values the demo instance received for a request with these Cookie headers. */
  private static List<String> cookiesSeenByServer(RunningTether through, String... cookieHeaders) throws Exception {
    HttpResponse<String> echo = send(through, List.of(cookieHeaders));
    assertThat(echo.statusCode()).as("status of /echo").isEqualTo(200);
    assertThat(echo.body()).as("echo of a demo instance").startsWith("instance: app");
    return echo.body().lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("  cookie: "))
        .map(line -> line.substring("  cookie: ".length()))
        .toList();
  }

  private static HttpResponse<String> send(RunningTether through, List<String> cookieHeaders)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(through.uri("/echo")).GET();
    cookieHeaders.forEach(value -> request.header("Cookie", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
