package tether.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.AffinityConfig.Strategy;
import tether.proxy.config.AffinityConfig.Unavailable;
import tether.proxy.pool.AdminState;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.RawHttp;
import tether.proxy.testing.RawServer;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;
import tether.routing.Action;
import tether.routing.RuleSpec;

/**
 * A split between two sticky pools keeps each session on its side: by the pool's own cookie, by the
 * hash of the key the pools hash, and whatever the shares are changed to. Both pools name their one
 * server {@code s1}, so only the pool a cookie was issued by can tell the two apart.
 */
class SplitAffinityTest {

  private RawServer blue;
  private RawServer green;

  @BeforeEach
  void servers() throws IOException {
    blue = RawServer.replying("HTTP/1.1 200 OK\r\nX-Pool: blue\r\nContent-Length: 0\r\n\r\n");
    green = RawServer.replying("HTTP/1.1 200 OK\r\nX-Pool: green\r\nContent-Length: 0\r\n\r\n");
  }

  @AfterEach
  void close() throws IOException {
    blue.close();
    green.close();
  }

  private TestConfig split(AffinityConfig affinity, int blueShare, int greenShare) {
    return TestConfig.create()
        .pool("blue", blue.port())
        .pool("green", green.port())
        .affinity("blue", affinity)
        .affinity("green", affinity)
        .keys("k1", Map.of("k1", Affinities.KEY))
        .rule(rule(blueShare, greenShare));
  }

  private static RuleSpec rule(int blueShare, int greenShare) {
    return RuleSpec.builder().name("canary").prefix("/")
        .split(new Action.Share("blue", blueShare), new Action.Share("green", greenShare)).build();
  }

  @Test
  void eachCookieSessionStaysOnTheSideItStartedOn() throws Exception {
    Map<String, Integer> sessionsPerSide = new HashMap<>();
    try (RunningProxy proxy = RunningProxy.start(split(Affinities.cookie(Unavailable.REDISPATCH), 50, 50));
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int session = 0; session < 40; session++) {
        RawHttp.Response first = get(raw, null, null);
        String side = first.header("X-Pool");
        String cookie = first.header("Set-Cookie").split(";")[0];
        sessionsPerSide.merge(side, 1, Integer::sum);
        for (int i = 0; i < 5; i++) {
          RawHttp.Response again = get(raw, cookie, null);
          assertThat(again.header("X-Pool")).as("session %d, request %d", session, i).isEqualTo(side);
          assertThat(again.header("Set-Cookie")).as("a held session keeps its cookie").isNull();
        }
      }
    }
    assertThat(sessionsPerSide).as("new sessions still split").containsOnlyKeys("blue", "green");
  }

  @Test
  void aSideWhoseShareDropsToZeroKeepsItsSessionsAndTakesNoNewOnes() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(split(Affinities.cookie(Unavailable.REDISPATCH), 1, 0));
        RawHttp raw = new RawHttp(proxy.port())) {
      RawHttp.Response first = get(raw, null, null);
      assertThat(first.header("X-Pool")).isEqualTo("blue");
      String cookie = first.header("Set-Cookie").split(";")[0];

      proxy.tether().replaceRoutes(List.of(rule(0, 1)));
      for (int i = 0; i < 10; i++) {
        assertThat(get(raw, cookie, null).header("X-Pool")).isEqualTo("blue");
        assertThat(get(raw, null, null).header("X-Pool")).isEqualTo("green");
      }
    }
  }

  @Test
  void aSessionWhoseServerMayNotTakeItGoesByWeightAndIsPinnedThere() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(split(Affinities.cookie(Unavailable.REDISPATCH), 1, 0));
        RawHttp raw = new RawHttp(proxy.port())) {
      String cookie = blueSessionInMaintenanceWhileAllNewGoToGreen(proxy, raw);
      RawHttp.Response moved = get(raw, cookie, null);
      assertThat(moved.header("X-Pool")).isEqualTo("green");
      String greenCookie = moved.header("Set-Cookie").split(";")[0];
      proxy.tether().pool("blue").setState("s1", AdminState.ACTIVE);
      assertThat(get(raw, greenCookie, null).header("X-Pool")).as("green's cookie, not blue's").isEqualTo("green");
    }
  }

  @Test
  void aPoolThatInsistsKeepsItsSessionAndRefusesItWhenItsServerMayNotTakeIt() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(split(Affinities.cookie(Unavailable.INSIST), 1, 0));
        RawHttp raw = new RawHttp(proxy.port())) {
      String cookie = blueSessionInMaintenanceWhileAllNewGoToGreen(proxy, raw);
      assertThat(get(raw, cookie, null).status()).isEqualTo(503);
    }
    assertThat(green.requests()).isZero();
  }

  @Test
  void poolsThatHashAHeaderSplitByTheSameHash() throws Exception {
    AffinityConfig byHeader = Affinities.of(Unavailable.REDISPATCH, Strategy.HEADER);
    Set<String> sides = new HashSet<>();
    try (RunningProxy proxy = RunningProxy.start(split(byHeader, 50, 50));
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int user = 0; user < 40; user++) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          seen.add(get(raw, null, "user-" + user).header("X-Pool"));
        }
        assertThat(new HashSet<>(seen)).as("user-%d: %s", user, seen).hasSize(1);
        sides.add(seen.get(0));
      }
    }
    assertThat(sides).containsExactlyInAnyOrder("blue", "green");
  }

  @Test
  void poolsThatHashTheClientAddressKeepAClientOnOneSide() throws Exception {
    AffinityConfig byAddress = Affinities.of(Unavailable.REDISPATCH, Strategy.CLIENT_ADDRESS);
    Set<String> sides = new HashSet<>();
    try (RunningProxy proxy = RunningProxy.start(split(byAddress, 50, 50));
        RawHttp raw = new RawHttp(proxy.port())) {
      for (int i = 0; i < 30; i++) {
        sides.add(get(raw, null, null).header("X-Pool"));
      }
    }
    assertThat(sides).hasSize(1);
  }

  /** Starts a session on blue, then sends every new session to green and puts blue's server in maintenance. */
  private static String blueSessionInMaintenanceWhileAllNewGoToGreen(RunningProxy proxy, RawHttp raw) throws Exception {
    String cookie = get(raw, null, null).header("Set-Cookie").split(";")[0];
    proxy.tether().replaceRoutes(List.of(rule(0, 1)));
    proxy.tether().pool("blue").setState("s1", AdminState.MAINTENANCE);
    return cookie;
  }

  private static RawHttp.Response get(RawHttp raw, String cookie, String sessionHeader) throws IOException {
    StringBuilder request = new StringBuilder("GET /cart HTTP/1.1\r\nHost: t\r\n");
    if (cookie != null) {
      request.append("Cookie: ").append(cookie).append("\r\n");
    }
    if (sessionHeader != null) {
      request.append("X-Session-Id: ").append(sessionHeader).append("\r\n");
    }
    return raw.send(request.append("\r\n").toString()).readResponse();
  }
}
