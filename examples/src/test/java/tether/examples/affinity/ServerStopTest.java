package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.examples.affinity.Sessions.assertEach;
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
 * A server stops while its sessions are live (its demo instance is closed; the pool still lists it, as
 * there is no health check to say otherwise). With {@code redispatch} each of its sessions moves once,
 * to a server that then keeps it; with {@code insist} they are refused, never moved.
 */
@Timeout(120)
class ServerStopTest {

  private static final int SESSIONS = 300;
  private static final int BEFORE = 5;
  private static final int AFTER = 11;
  private static final String STOPPED = "app2";

  private final HttpClient http = Browser.newClient();

  @AfterEach
  void stopClient() {
    Browser.stop(http);
  }

  @TempDir
  Path dir;

  @Test
  void redispatchMovesEachSessionOnceAndKeepsItThere() {
    String affinity = """
        strategies = [cookie]
        when-unavailable = redispatch
        """;
    try (DemoFleet fleet = DemoFleet.plain(3); RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, affinity))) {
      List<Browser> browsers = browsers();
      List<List<Visit>> before = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), proxy, BEFORE));
      assertEachStayed(before, 1);

      fleet.stop(STOPPED);
      List<List<Visit>> after = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), proxy, AFTER));

      List<List<Visit>> moved = new ArrayList<>();
      List<List<Visit>> untouched = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        if (STOPPED.equals(before.get(i).get(0).instance())) {
          moved.add(after.get(i));
        } else {
          List<Visit> whole = new ArrayList<>(before.get(i));
          whole.addAll(after.get(i));
          untouched.add(whole);
        }
      }
      assertThat(moved.size()).as("sessions on %s when it stopped", STOPPED).isGreaterThan(SESSIONS / 5);
      assertEachStayed(untouched, 1);
      // Its state died with the server: a new application session starts on the new server and stays.
      assertEachStayed(moved, 1);
      assertEach(moved, visits -> !STOPPED.equals(visits.get(0).instance()), "leave " + STOPPED);
      assertEach(moved, visits -> visits.get(0).setCookie("TETHER").isPresent()
          && visits.subList(1, visits.size()).stream().noneMatch(v -> v.setCookie("TETHER").isPresent()),
          "get a new cookie on the move, and none after");
      assertThat(proxy.affinity("redispatched")).as("affinity.redispatched").isEqualTo(moved.size());
      assertThat(proxy.affinity("cookie.redispatched")).as("affinity.cookie.redispatched").isEqualTo(moved.size());
      assertThat(proxy.affinity("valid")).as("affinity.valid")
          .isEqualTo((long) SESSIONS * (BEFORE - 1 + AFTER) - moved.size());
      assertThat(proxy.affinity("invalid") + proxy.affinity("expired")).as("invalid and expired").isZero();
    }
  }

  @Test
  void insistRefusesTheSessionsOfTheStoppedServer() {
    String affinity = """
        strategies = [cookie]
        when-unavailable = insist
        """;
    try (DemoFleet fleet = DemoFleet.plain(3); RunningTether proxy = RunningTether.start(dir, Hocon.tether(fleet, affinity))) {
      List<Browser> browsers = browsers();
      List<List<Visit>> before = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), proxy, BEFORE));
      assertEachStayed(before, 1);

      fleet.stop(STOPPED);
      List<List<Visit>> after = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), proxy, BEFORE));

      List<List<Visit>> refused = new ArrayList<>();
      List<List<Visit>> untouched = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        if (STOPPED.equals(before.get(i).get(0).instance())) {
          refused.add(after.get(i));
        } else {
          List<Visit> whole = new ArrayList<>(before.get(i));
          whole.addAll(after.get(i));
          untouched.add(whole);
        }
      }
      assertThat(refused.size()).as("sessions on %s when it stopped", STOPPED).isGreaterThan(SESSIONS / 5);
      assertEachStayed(untouched, 1);
      assertEach(refused, visits -> visits.stream().allMatch(v -> v.status() == 503
              && v.instance() == null
              && v.headers().firstValue("Retry-After").filter("5"::equals).isPresent()
              && v.setCookie("TETHER").isEmpty()),
          "get 503 with Retry-After: 5 from Tether itself, and no new cookie");
      assertThat(proxy.affinity("redispatched")).as("affinity.redispatched").isZero();
      assertThat(proxy.affinity("refused")).as("affinity.refused").isEqualTo(refusedRequests(refused));
    }
  }

  private static long refusedRequests(List<List<Visit>> sessions) {
    return sessions.stream().flatMap(List::stream).filter(v -> v.status() == 503).count();
  }

  private List<Browser> browsers() {
    List<Browser> browsers = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      browsers.add(Browser.withCookies(http));
    }
    return browsers;
  }
}
