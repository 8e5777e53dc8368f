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
import tether.stickiness.cookie.CookieCodec;

/**
 * Rotating the signing key, as reference.conf describes: A signs with k1; B knows k1 and k2 and signs
 * with k2, keeping every session where it was and re-signing its cookie; C knows only k2, so cookies
 * that A signed are no good there while those B re-signed are.
 */
@Timeout(120)
class KeyRotationTest {

  private static final int SESSIONS = 300;
  private static final int ON_A = 3;
  private static final String COOKIE = "TETHER";

  private final HttpClient http = Browser.newClient();

  @AfterEach
  void stopClient() {
    Browser.stop(http);
  }

  @TempDir
  Path dir;

  @Test
  void sessionsSurviveARotationAndOldCookiesDieWithTheOldKey() {
    String onlyK1 = TestKeys.hocon("k1", Map.of("k1", TestKeys.K1));
    String both = TestKeys.hocon("k2", Map.of("k1", TestKeys.K1, "k2", TestKeys.K2));
    String onlyK2 = TestKeys.hocon("k2", Map.of("k2", TestKeys.K2));
    try (DemoFleet fleet = DemoFleet.plain(3);
        RunningTether a = RunningTether.start(dir, Hocon.tether(fleet, onlyK1, "strategies = [cookie]"));
        RunningTether b = RunningTether.start(dir, Hocon.tether(fleet, both, "strategies = [cookie]"));
        RunningTether c = RunningTether.start(dir, Hocon.tether(fleet, onlyK2, "strategies = [cookie]"))) {
      List<Browser> browsers = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        browsers.add(Browser.withCookies(http));
      }
      List<List<Visit>> onA = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), a, ON_A));
      assertEachStayed(onA, 1);
      List<String> fromA = browsers.stream().map(br -> br.cookie(COOKIE)).toList();

      // B, twice: the first answer re-signs the cookie with k2, the second has nothing to change.
      List<List<Visit>> onB = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), b, 2));
      assertEachStayed(joined(onA, onB), 1);
      CookieCodec k2Only = TestKeys.codec("k2", Map.of("k2", TestKeys.K2));
      List<String> notReissued = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        List<Visit> session = onB.get(i);
        String old = fromA.get(i);
        String server = onA.get(i).get(0).instance();
        boolean ok = session.get(0).setCookie(COOKIE)
            .filter(fresh -> !fresh.equals(old))
            .map(k2Only::decode)
            .filter(d -> d.ok() && d.keyId().equals("k2") && d.token().serverId().equals(server))
            .isPresent();
        if (!ok || session.get(1).setCookie(COOKIE).isPresent()) {
          notReissued.add("session " + i + " on " + server + ": cookie from A " + old + ", Set-Cookie from B "
              + session.get(0).setCookies() + " then " + session.get(1).setCookies());
        }
      }
      assertThat(notReissued)
          .as("sessions that did not get, from B, one new cookie signed with k2 for the same server, then no other")
          .isEmpty();
      assertThat(b.affinity("valid")).as("B: valid").isEqualTo(2L * SESSIONS);
      assertThat(b.affinity("invalid")).as("B: invalid").isZero();

      // C knows only k2: B's cookies hold there...
      List<List<Visit>> onC = Sessions.parallel(SESSIONS, i -> Sessions.visits(browsers.get(i), c, 1));
      assertEachStayed(joined(joined(onA, onB), onC), 1);
      assertThat(c.affinity("valid")).as("C: valid with B's cookies").isEqualTo(SESSIONS);

      // ...A's do not.
      List<List<Visit>> oldOnC = Sessions.parallel(SESSIONS, i -> {
        Browser replay = Browser.withCookies(http);
        replay.setCookie(COOKIE, fromA.get(i));
        return List.of(replay.get(c.uri(""), "/api/session"));
      });
      assertThat(c.affinity("invalid")).as("C: invalid, one per cookie signed by A").isEqualTo(SESSIONS);
      assertThat(c.affinity("cookie.invalid")).as("C: cookie.invalid").isEqualTo(SESSIONS);
      for (int i = 0; i < SESSIONS; i++) {
        String old = fromA.get(i);
        Visit v = oldOnC.get(i).get(0);
        assertThat(v.status()).as("status for an old cookie").isEqualTo(200);
        assertThat(v.setCookie(COOKIE)).as("cookie replacing an old one").isPresent().get().isNotEqualTo(old);
      }
    }
  }

  private static List<List<Visit>> joined(List<List<Visit>> first, List<List<Visit>> then) {
    List<List<Visit>> out = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      List<Visit> whole = new ArrayList<>(first.get(i));
      whole.addAll(then.get(i));
      out.add(whole);
    }
    return out;
  }
}
