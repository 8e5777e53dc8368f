package tether.stickiness.appsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tether.stickiness.FakeTime;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;
import tether.stickiness.TestPool;
import tether.stickiness.TestRequest;
import tether.stickiness.TestResponse;

class LearnedStrategyTest {

  private final FakeTime time = new FakeTime();
  private final TestPool pool = new TestPool("a", "b");
  private final LearnedStrategy strategy = new LearnedStrategy(LearnedConfig.builder()
      .queryParameters(List.of("sid")).sessionTimeout(Duration.ofMinutes(30)).maximumSize(100).build(), time, time);

  @Test
  void learnsFromTheServersSetCookieAndPinsEveryWayTheIdArrives() {
    serve(TestRequest.get("/login"), "b", "JSESSIONID=ABC123; Path=/; HttpOnly");
    Resolution byCookie = strategy.resolve(TestRequest.get("/").cookie("JSESSIONID", "ABC123"), pool);
    assertThat(byCookie).isEqualTo(Resolution.valid("learned", "b", StableHash.fingerprint("ABC123")));
    assertThat(strategy.resolve(TestRequest.get("/x;jsessionid=ABC123"), pool).serverId()).isEqualTo("b");
    assertThat(strategy.resolve(TestRequest.get("/x").query("sid=ABC123"), pool).serverId()).isEqualTo("b");
  }

  @Test
  void anUnknownIdIsNoneBecauseTheSessionMayBeNew() {
    assertThat(strategy.resolve(TestRequest.get("/").cookie("JSESSIONID", "NEW"), pool))
        .isEqualTo(Resolution.none("learned", "unknown session"));
    assertThat(strategy.resolve(TestRequest.get("/"), pool)).isEqualTo(Resolution.none("learned", "no session id"));
  }

  @Test
  void requestsNeverAddIds() {
    TestRequest request = TestRequest.get("/").cookie("JSESSIONID", "CLIENT-MADE");
    serve(request, "a");
    assertThat(strategy.table().size()).isZero();
  }

  @Test
  void ignoresOtherCookies() {
    serve(TestRequest.get("/"), "a", "theme=dark", "JSESSIONIDX=1");
    assertThat(strategy.table().size()).isZero();
  }

  @Test
  void aDeletingSetCookieForgetsTheSession() {
    serve(TestRequest.get("/"), "a", "JSESSIONID=S1", "JSESSIONID=S2");
    serve(TestRequest.get("/logout"), "a", "JSESSIONID=S1; Max-Age=0");
    assertThat(strategy.table().serverFor("S1")).isNull();
    TestRequest secondLogout = TestRequest.get("/logout").cookie("JSESSIONID", "S2");
    serve(secondLogout, "a", "JSESSIONID=; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(strategy.table().size()).isZero();
    assertThat(strategy.liveSessions()).isEmpty();
  }

  @Test
  void idsExpireAfterTheSessionTimeoutUnlessUsed() {
    serve(TestRequest.get("/"), "a", "JSESSIONID=IDLE", "JSESSIONID=BUSY");
    time.advance(Duration.ofMinutes(25));
    assertThat(strategy.resolve(TestRequest.get("/").cookie("JSESSIONID", "BUSY"), pool).outcome())
        .isEqualTo(Outcome.VALID);
    time.advance(Duration.ofMinutes(10));
    assertThat(strategy.resolve(TestRequest.get("/").cookie("JSESSIONID", "IDLE"), pool).outcome())
        .isEqualTo(Outcome.NONE);
    assertThat(strategy.resolve(TestRequest.get("/").cookie("JSESSIONID", "BUSY"), pool).serverId()).isEqualTo("a");
    assertThat(strategy.table().expirations()).isEqualTo(1);
    assertThat(strategy.table().sizeEvictions()).isZero();
  }

  @Test
  void aFullTableEvictsAndCountsIt() {
    for (int i = 0; i < 130; i++) {
      serve(TestRequest.get("/"), i % 2 == 0 ? "a" : "b", "JSESSIONID=S" + i);
    }
    assertThat(strategy.table().size()).isEqualTo(100);
    assertThat(strategy.table().sizeEvictions()).isEqualTo(30);
    assertThat(strategy.table().expirations()).isZero();
    assertThat(strategy.liveSessions("a") + strategy.liveSessions("b")).isEqualTo(100);
  }

  @Test
  void aRedispatchedSessionMovesInTheTable() {
    serve(TestRequest.get("/"), "a", "JSESSIONID=S1", "JSESSIONID=S2");
    TestRequest request = TestRequest.get("/").cookie("JSESSIONID", "S1");
    Resolution resolved = strategy.resolve(request, pool).withOutcome(Outcome.REDISPATCHED, "a down");
    strategy.respond(request, resolved, "b", new TestResponse());
    assertThat(strategy.table().serverFor("S1")).isEqualTo("b");
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("a", 1L, "b", 1L));
  }

  @Test
  void aNewIdFromTheServerReplacesTheMapping() {
    serve(TestRequest.get("/"), "a", "JSESSIONID=S1");
    serve(TestRequest.get("/"), "b", "JSESSIONID=S1");
    assertThat(strategy.table().serverFor("S1")).isEqualTo("b");
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("b", 1L));
  }

  @Test
  void rejectsBadConfig() {
    assertThatThrownBy(() -> LearnedConfig.builder().sessionTimeout(Duration.ZERO).build())
        .hasMessage("sessionTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> LearnedConfig.builder().maximumSize(0).build())
        .hasMessage("maximumSize: 0 (expected: >= 1)");
    assertThatThrownBy(() -> LearnedConfig.builder().cookieNames(List.of()).build())
        .hasMessage("cookieNames: [] (expected: at least one cookie name)");
    assertThatThrownBy(() -> LearnedConfig.builder().pathParameter("a;b").build())
        .hasMessage("pathParameter: a;b (expected: a name without = & ; / ? # or spaces)");
  }

  private void serve(TestRequest request, String server, String... setCookies) {
    strategy.respond(request, strategy.resolve(request, pool), server, TestResponse.withSetCookies(setCookies));
  }
}
