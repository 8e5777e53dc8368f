package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.examples.affinity.Sessions.assertEachStayed;
import static tether.examples.affinity.Sessions.assertSpread;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each affinity strategy alone keeps 1,000 concurrent sessions of 20 requests each on the demo instance
 * that holds them: every request of a session reaches one instance and its visit counter counts 1 to 20
 * without a reset. The balancer spreads the sessions over all three instances, and the meters count one
 * outcome per request.
 */
@Timeout(120)
class StrategyStickinessTest {

  private static final Logger log = LoggerFactory.getLogger(StrategyStickinessTest.class);

  static final int SESSIONS = 1_000;
  static final int REQUESTS = 20;
  static final double MIN_SHARE = 0.20;

  private final HttpClient http = Browser.newClient();

  @AfterEach
  void stopClient() {
    Browser.stop(http);
  }

  @TempDir
  Path dir;

  @Test
  void signedCookie() {
    try (DemoFleet fleet = DemoFleet.plain(3);
        RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [cookie]"))) {
      List<List<Visit>> sessions = run("cookie", proxy, i -> Browser.withCookies(http));

      assertEachStayed(sessions, 1);
      assertSpread(sessions, fleet.names(), MIN_SHARE);
      assertOutcomes(proxy, "cookie", SESSIONS, SESSIONS * (REQUESTS - 1));
      assertLiveSessions(proxy, sessions);
      for (List<Visit> session : sessions) {
        assertThat(session.get(0).setCookie("TETHER")).as("first answer sets the cookie").isPresent();
      }
    }
  }

  @Test
  void routeSuffix() {
    try (DemoFleet fleet = DemoFleet.routed(3);
        RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [route-suffix]"))) {
      List<List<Visit>> sessions = run("route-suffix", proxy, i -> Browser.withCookies(http));

      assertEachStayed(sessions, 1);
      assertSpread(sessions, fleet.names(), MIN_SHARE);
      for (List<Visit> session : sessions) {
        Visit first = session.get(0);
        assertThat(first.session()).as("session id of %s", first.instance())
            .endsWith("." + fleet.route(first.instance()));
      }
      // The first request carries no session id yet; every later one names its route.
      assertOutcomes(proxy, "route-suffix", SESSIONS, SESSIONS * (REQUESTS - 1));
    }
  }

  /** Half the sessions send the id in the JSESSIONID cookie, the other half as {@code ?sid=}. */
  @Test
  void learned() {
    String affinity = """
        strategies = [learned]
        learned { cookie-names = [JSESSIONID], query-parameters = [sid] }
        """;
    try (DemoFleet fleet = DemoFleet.plain(3); RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, affinity))) {
      List<List<Visit>> sessions = run("learned", proxy,
          i -> i % 2 == 0 ? Browser.withCookies(http) : Browser.withSessionIdInQuery(http));

      assertEachStayed(sessions, 1);
      assertSpread(sessions, fleet.names(), MIN_SHARE);
      assertOutcomes(proxy, "learned", SESSIONS, SESSIONS * (REQUESTS - 1));
      assertLiveSessions(proxy, sessions);
    }
  }

  /**
   * Each session sends its own X-Session-Id. Eight client threads keep several requests in flight on
   * each server at once, which must never move a hashed session.
   */
  @Test
  void header() {
    String affinity = """
        strategies = [header]
        header { name = X-Session-Id }
        """;
    try (DemoFleet fleet = DemoFleet.plain(3); RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, affinity))) {
      List<List<Visit>> sessions = run("header", proxy,
          i -> Browser.withCookies(http).header("X-Session-Id", "user-" + i + "-of-" + SESSIONS));

      assertEachStayed(sessions, 1);
      assertSpread(sessions, fleet.names(), MIN_SHARE);
      // Every request carries the header, the first one included.
      assertOutcomes(proxy, "header", 0, SESSIONS * REQUESTS);
    }
  }

  /** Each session comes through the trusted loopback proxy with its own X-Forwarded-For address. */
  @Test
  void clientAddress() {
    try (DemoFleet fleet = DemoFleet.plain(3);
        RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [client-address]"))) {
      List<List<Visit>> sessions = run("client-address", proxy,
          i -> Browser.withCookies(http).header("X-Forwarded-For", "10.1." + (i / 250) + "." + (i % 250 + 1)));

      assertEachStayed(sessions, 1);
      assertSpread(sessions, fleet.names(), MIN_SHARE);
      assertOutcomes(proxy, "client-address", 0, SESSIONS * REQUESTS);
    }
  }

  private List<List<Visit>> run(String strategy, RunningTether proxy, IntFunction<Browser> browsers) {
    long start = System.nanoTime();
    List<List<Visit>> sessions =
        Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.apply(i), proxy, REQUESTS));
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info("{}: {} sessions x {} requests on {} client threads in {} ms ({} requests/s)", strategy, SESSIONS,
        REQUESTS, Sessions.CLIENT_THREADS, millis, SESSIONS * REQUESTS * 1000L / Math.max(1, millis));
    return sessions;
  }

  /** One outcome per request: {@code none} without an id yet, {@code valid} with one, nothing else. */
  static void assertOutcomes(RunningTether proxy, String strategy, long none, long valid) {
    assertThat(proxy.affinity("none")).as("affinity.none").isEqualTo(none);
    assertThat(proxy.affinity("valid")).as("affinity.valid").isEqualTo(valid);
    assertThat(proxy.affinity(strategy + ".valid")).as("affinity.%s.valid", strategy).isEqualTo(valid);
    for (String outcome : List.of("invalid", "expired", "redispatched")) {
      assertThat(proxy.affinity(outcome)).as("affinity.%s", outcome).isZero();
    }
  }

  /** The strategy's count of live sessions per server matches what the sessions saw. */
  static void assertLiveSessions(RunningTether proxy, List<List<Visit>> sessions) {
    Map<String, Long> seen = Sessions.perInstance(Sessions.firstInstances(sessions));
    Map<String, Long> live = proxy.tether().affinity(RunningTether.POOL).sessionCounts()
        .orElseThrow(() -> new AssertionError("the strategy counts no sessions"))
        .liveSessions();
    assertThat(live).as("live sessions per server").containsExactlyInAnyOrderEntriesOf(seen);
  }
}
