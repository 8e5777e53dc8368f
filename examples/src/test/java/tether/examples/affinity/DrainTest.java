package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.examples.affinity.Sessions.assertEachStayed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.pool.AdminState;

/**
 * Draining a server: the sessions pinned to it keep reaching it, with their state, while no new session
 * lands there. Existing and new sessions run at the same time.
 */
@Timeout(120)
class DrainTest {

  private static final int SESSIONS = 300;
  private static final int BEFORE = 5;
  private static final int DURING = 10;
  private static final String DRAINED = "app2";

  private final HttpClient http = Browser.newClient();

  @AfterEach
  void stopClient() {
    Browser.stop(http);
  }

  @TempDir
  Path dir;

  @Test
  void cookieSessionsStayOnADrainingServer() {
    try (DemoFleet fleet = DemoFleet.plain(3)) {
      drain(fleet, "cookie");
    }
  }

  @Test
  void routeSuffixSessionsStayOnADrainingServer() {
    try (DemoFleet fleet = DemoFleet.routed(3)) {
      drain(fleet, "route-suffix");
    }
  }

  private void drain(DemoFleet fleet, String strategy) {
    try (RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [" + strategy + "]"))) {
      List<Browser> browsers = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        browsers.add(Browser.withCookies(http));
      }
      List<List<Visit>> before = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), proxy, BEFORE));
      assertEachStayed(before, 1);
      long pinnedToDrained = Sessions.firstInstances(before).stream().filter(DRAINED::equals).count();
      assertThat(pinnedToDrained).as("sessions on %s before the drain", DRAINED).isGreaterThan(SESSIONS / 5);
      long validBefore = proxy.affinity("valid");
      long noneBefore = proxy.affinity("none");

      proxy.pool().setState(DRAINED, AdminState.DRAINING);
      // Existing sessions (even tasks) and new ones (odd tasks) interleaved.
      List<List<Visit>> during = Sessions.parallel(2 * SESSIONS, i -> i % 2 == 0
          ? Sessions.visits(browsers.get(i / 2), proxy, DURING)
          : Sessions.visits(Browser.withCookies(http), proxy, BEFORE));

      List<List<Visit>> existing = new ArrayList<>();
      List<List<Visit>> fresh = new ArrayList<>();
      for (int i = 0; i < during.size(); i++) {
        if (i % 2 == 0) {
          List<Visit> whole = new ArrayList<>(before.get(i / 2));
          whole.addAll(during.get(i));
          existing.add(whole);
        } else {
          fresh.add(during.get(i));
        }
      }
      assertEachStayed(existing, 1);
      assertEachStayed(fresh, 1);
      Map<String, Long> newPerInstance = Sessions.perInstance(Sessions.firstInstances(fresh));
      assertThat(newPerInstance).as("new sessions per instance while %s drains", DRAINED)
          .doesNotContainKey(DRAINED)
          .containsOnlyKeys("app1", "app3");
      assertThat(newPerInstance.values()).allSatisfy(n -> assertThat(n).isGreaterThan(SESSIONS / 4L));

      long pinnedRequests = (long) SESSIONS * DURING;
      long newPinnedRequests = (long) SESSIONS * (BEFORE - 1);
      assertThat(proxy.affinity("valid") - validBefore).as("valid outcomes during the drain")
          .isEqualTo(pinnedRequests + newPinnedRequests);
      assertThat(proxy.affinity("none") - noneBefore).as("new sessions during the drain").isEqualTo(SESSIONS);
      assertThat(proxy.affinity(strategy + ".valid")).as("%s.valid in all", strategy)
          .isEqualTo((long) SESSIONS * (BEFORE - 1) + pinnedRequests + newPinnedRequests);
      for (String outcome : List.of("invalid", "expired", "redispatched")) {
        assertThat(proxy.affinity(outcome)).as("affinity.%s", outcome).isZero();
      }
      if (strategy.equals("cookie")) {
        // The drain is complete when no live session is left on the server: the count must still see them.
        assertThat(proxy.tether().affinity(RunningTether.POOL).sessionCounts().orElseThrow().liveSessions(DRAINED))
            .as("live sessions on the draining server")
            .isEqualTo(pinnedToDrained);
      }
    }
  }
}
