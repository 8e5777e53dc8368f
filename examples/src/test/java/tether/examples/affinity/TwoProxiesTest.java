package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.examples.affinity.Sessions.assertEachStayed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Tether instances with the same keys and the same pool route a session the same way: the signed
 * cookie carries all it takes, so it does not matter which instance a request reaches.
 */
@Timeout(120)
class TwoProxiesTest {

  private static final int SESSIONS = 500;
  private static final int REQUESTS = 20;

  private final HttpClient http = Browser.newClient();

  @AfterEach
  void stopClient() {
    Browser.stop(http);
  }

  @TempDir
  Path dir;

  @Test
  void aCookieFromOneInstanceKeepsTheSessionOnItsServerThroughTheOther() {
    try (DemoFleet fleet = DemoFleet.plain(3);
        RunningTether a = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [cookie]"));
        RunningTether b = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [cookie]"))) {
      List<List<Visit>> sessions = Sessions.parallel(SESSIONS, i -> {
        Browser browser = Browser.withCookies(http);
        List<Visit> visits = new ArrayList<>(REQUESTS);
        for (int r = 0; r < REQUESTS; r++) {
          // The first request goes to A; then B, A, B, ...
          visits.add(browser.get((r % 2 == 0 ? a : b).uri(""), "/api/session"));
        }
        return visits;
      });

      assertEachStayed(sessions, 1);
      Sessions.assertSpread(sessions, fleet.names(), 0.20);
      assertThat(a.affinity("none")).as("A: new sessions").isEqualTo(SESSIONS);
      assertThat(a.affinity("valid")).as("A: pinned requests").isEqualTo((long) SESSIONS * (REQUESTS / 2 - 1));
      assertThat(b.affinity("none")).as("B: new sessions").isZero();
      assertThat(b.affinity("valid")).as("B: pinned requests").isEqualTo((long) SESSIONS * (REQUESTS / 2));
      for (RunningTether proxy : List.of(a, b)) {
        for (String outcome : List.of("invalid", "expired", "redispatched")) {
          assertThat(proxy.affinity(outcome)).as("affinity.%s", outcome).isZero();
        }
      }
    }
  }
}
