package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tether.stickiness.AffinityChain;
import tether.stickiness.FakeTime;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;
import tether.stickiness.TestPool;
import tether.stickiness.TestRequest;
import tether.stickiness.TestResponse;

class SignedCookieStrategyTest {

  private final FakeTime time = new FakeTime();
  private final TestPool pool = new TestPool("a", "b");
  private final SignedCookieConfig config = SignedCookieConfig.builder(TestKeys.keys(1))
      .maxIdle(Duration.ofMinutes(30))
      .maxLife(Duration.ofHours(2))
      .refreshInterval(Duration.ofMinutes(1))
      .build();
  private final SignedCookieStrategy strategy = new SignedCookieStrategy(config, time, time);

  @Test
  void aFirstResponseSetsACookieThatPinsLaterRequests() {
    TestRequest first = TestRequest.get("/");
    assertThat(strategy.resolve(first, pool)).isEqualTo(Resolution.none("cookie", "no cookie"));
    TestResponse response = new TestResponse();
    strategy.respond(first, Resolution.NO_AFFINITY, "a", response);

    assertThat(response.added()).hasSize(1);
    String setCookie = response.added().get(0);
    assertThat(setCookie).startsWith("TETHER=").endsWith("; Path=/; HttpOnly; SameSite=Lax");
    assertThat(response.header("Cache-Control")).isEqualTo("no-cache=\"Set-Cookie\"");

    Resolution next = strategy.resolve(withCookie(setCookie), pool);
    assertThat(next.outcome()).isEqualTo(Outcome.VALID);
    assertThat(next.serverId()).isEqualTo("a");
    assertThat(next.sessionId()).matches("[0-9a-f]{32}");
  }

  @Test
  void eachNewSessionGetsItsOwnRandomId() {
    String one = strategy.resolve(withCookie(issue(TestRequest.get("/"), "a")), pool).sessionId();
    String two = strategy.resolve(withCookie(issue(TestRequest.get("/"), "a")), pool).sessionId();
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void noCookieIsWrittenWhenNoServerServed() {
    TestResponse response = new TestResponse();
    strategy.respond(TestRequest.get("/"), Resolution.NO_AFFINITY, null, response);
    assertThat(response.added()).isEmpty();
  }

  @Test
  void aBadTokenIsInvalidAndReplacedNeverEchoed() {
    String genuine = value(issue(TestRequest.get("/"), "a"));
    String forged = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BA" : "AA");
    TestRequest request = TestRequest.get("/").cookie("TETHER", forged);
    Resolution resolution = strategy.resolve(request, pool);
    assertThat(resolution).isEqualTo(Resolution.invalid("cookie", "bad signature"));

    TestResponse response = new TestResponse();
    strategy.respond(request, resolution, "b", response);
    assertThat(response.added()).hasSize(1).allSatisfy(header -> assertThat(header).doesNotContain(forged));
    assertThat(strategy.resolve(withCookie(response.added().get(0)), pool).serverId()).isEqualTo("b");
  }

  @Test
  void aCookieOfAnotherPoolIsNoPinHereButItsSessionMovesHereWithItsIdAndAge() {
    SignedCookieStrategy blue = new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(1)).pool("blue").build(), time, time);
    SignedCookieStrategy green = new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(1)).pool("green").build(), time, time);
    TestRequest request = withCookie(issue(blue, TestRequest.get("/"), Resolution.NO_AFFINITY, "a"));
    Resolution onBlue = blue.resolve(request, pool);
    assertThat(onBlue.serverId()).isEqualTo("a");
    Resolution elsewhere = green.resolve(request, pool);
    assertThat(elsewhere).isEqualTo(Resolution.invalid("cookie", "issued by another pool"));

    time.advance(Duration.ofSeconds(5));
    TestResponse response = new TestResponse();
    green.respond(request, elsewhere, "a", response);
    TestRequest own = withCookie(response.added().get(0));
    Resolution onGreen = green.resolve(own, pool);
    assertThat(onGreen.serverId()).isEqualTo("a");
    assertThat(onGreen.sessionId()).isEqualTo(onBlue.sessionId());
    assertThat(token(response.added().get(0)).issuedAt())
        .isEqualTo(new CookieCodec(TestKeys.keys(1)).decode(request.cookie("TETHER")).token().issuedAt());
    assertThat(green.liveSessions("a")).as("pinned once, not also counted as a new session").isEqualTo(1);
    assertThat(blue.resolve(own, pool)).isEqualTo(Resolution.invalid("cookie", "issued by another pool"));
  }

  @Test
  void aVersionOneTokenPinsAndIsReissuedWithThePoolOnTheNextResponse() {
    SignedCookieStrategy app = new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(1)).pool("app").build(), time, time);
    long now = time.millis() / 1000;
    AffinityToken old = new AffinityToken("b", 7, 8, now - 10, now - 10);
    TestRequest request = TestRequest.get("/").cookie("TETHER", CookieCodecTest.versionOne(old));
    Resolution resolved = app.resolve(request, pool);
    assertThat(resolved.serverId()).isEqualTo("b");

    TestResponse response = new TestResponse();
    app.respond(request, resolved, "b", response);
    assertThat(response.added()).as("re-issued within the refresh interval").hasSize(1);
    AffinityToken reissued = new CookieCodec(TestKeys.keys(1), "app").decode(value(response.added().get(0))).token();
    assertThat(reissued.sessionId()).isEqualTo(old.sessionId());
    TestResponse next = new TestResponse();
    app.respond(withCookie(response.added().get(0)), resolved, "b", next);
    assertThat(next.added()).isEmpty();
  }

  @Test
  void expiresAfterMaxIdle() {
    String setCookie = issue(TestRequest.get("/"), "a");
    time.advance(Duration.ofMinutes(30));
    assertThat(strategy.resolve(withCookie(setCookie), pool).outcome()).isEqualTo(Outcome.VALID);
    time.advance(Duration.ofSeconds(1));
    assertThat(strategy.resolve(withCookie(setCookie), pool))
        .isEqualTo(Resolution.expired("cookie", "max-idle exceeded"));
  }

  @Test
  void expiresAfterMaxLifeHoweverActive() {
    String setCookie = issue(TestRequest.get("/"), "a");
    String firstSession = strategy.resolve(withCookie(setCookie), pool).sessionId();
    for (int i = 0; i < 12; i++) { // two hours of a request every ten minutes
      time.advance(Duration.ofMinutes(10));
      TestRequest request = withCookie(setCookie);
      Resolution resolution = strategy.resolve(request, pool);
      assertThat(resolution.outcome()).as("after %d0 minutes", i + 1).isEqualTo(Outcome.VALID);
      setCookie = issue(request, resolution, "a");
    }
    time.advance(Duration.ofSeconds(1));
    TestRequest late = withCookie(setCookie);
    Resolution resolution = strategy.resolve(late, pool);
    assertThat(resolution).isEqualTo(Resolution.expired("cookie", "max-life exceeded"));
    String renewed = issue(late, resolution, "a");
    assertThat(strategy.resolve(withCookie(renewed), pool).sessionId()).isNotEqualTo(firstSession);
  }

  @Test
  void aTokenIssuedInTheFutureIsInvalidBeyondTheClockSkew() {
    FakeTime ahead = new FakeTime(FakeTime.START.plus(Duration.ofMinutes(5)));
    SignedCookieStrategy fastInstance = new SignedCookieStrategy(config, ahead, ahead);
    String fromTheFuture = issue(fastInstance, TestRequest.get("/"), Resolution.NO_AFFINITY, "a");
    assertThat(strategy.resolve(withCookie(fromTheFuture), pool))
        .isEqualTo(Resolution.invalid("cookie", "issued in the future"));

    FakeTime slightlyAhead = new FakeTime(FakeTime.START.plus(Duration.ofSeconds(20)));
    String withinSkew = issue(new SignedCookieStrategy(config, slightlyAhead, slightlyAhead),
        TestRequest.get("/"), Resolution.NO_AFFINITY, "a");
    assertThat(strategy.resolve(withCookie(withinSkew), pool).outcome()).isEqualTo(Outcome.VALID);
  }

  @Test
  void lastSeenIsRefreshedAtMostOncePerInterval() {
    String setCookie = issue(TestRequest.get("/"), "a");
    AffinityToken original = token(setCookie);

    time.advance(Duration.ofSeconds(59));
    TestResponse early = respond(withCookie(setCookie), "a");
    assertThat(early.added()).isEmpty();
    assertThat(early.header("Cache-Control")).isNull();

    time.advance(Duration.ofSeconds(1));
    TestResponse due = respond(withCookie(setCookie), "a");
    assertThat(due.added()).hasSize(1);
    AffinityToken refreshed = token(due.added().get(0));
    assertThat(refreshed.lastSeen()).isEqualTo(original.lastSeen() + 60);
    assertThat(refreshed.issuedAt()).isEqualTo(original.issuedAt());
    assertThat(refreshed.sessionId()).isEqualTo(original.sessionId());
    assertThat(refreshed.serverId()).isEqualTo("a");
  }

  @Test
  void aRedispatchedSessionIsRepinnedKeepingItsIdAndLife() {
    String setCookie = issue(TestRequest.get("/"), "a");
    AffinityToken original = token(setCookie);
    TestRequest request = withCookie(setCookie);
    Resolution resolved = strategy.resolve(request, pool).withOutcome(Outcome.REDISPATCHED, "a is down");

    TestResponse response = new TestResponse();
    strategy.respond(request, resolved, "b", response);
    AffinityToken moved = token(response.added().get(0));
    assertThat(moved.serverId()).isEqualTo("b");
    assertThat(moved.sessionId()).isEqualTo(original.sessionId());
    assertThat(moved.issuedAt()).isEqualTo(original.issuedAt());
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("b", 1L));
  }

  @Test
  void keyRotationKeepsSessionsAndMovesThemToTheNewKey() {
    String oldCookie = issue(TestRequest.get("/"), "a");
    SignedCookieConfig rotated = SignedCookieConfig.builder(TestKeys.keys(2, 1)).build();
    SignedCookieStrategy afterRotation = new SignedCookieStrategy(rotated, time, time);

    TestRequest request = withCookie(oldCookie);
    Resolution resolution = afterRotation.resolve(request, pool);
    assertThat(resolution.outcome()).isEqualTo(Outcome.VALID);
    assertThat(resolution.serverId()).isEqualTo("a");

    // Re-signed at once with the new primary key, though no refresh is due.
    TestResponse response = new TestResponse();
    afterRotation.respond(request, resolution, "a", response);
    String newCookie = value(response.added().get(0));
    assertThat(new CookieCodec(TestKeys.keys(2, 1)).decode(newCookie).keyId()).isEqualTo("k2");
    assertThat(afterRotation.resolve(withCookie(response.added().get(0)), pool).sessionId())
        .isEqualTo(resolution.sessionId());

    // Once the old key is dropped, its tokens are rejected.
    SignedCookieStrategy oldKeyDropped =
        new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(2)).build(), time, time);
    assertThat(oldKeyDropped.resolve(withCookie(oldCookie), pool))
        .isEqualTo(Resolution.invalid("cookie", "unknown key id"));
  }

  @Test
  void twoInstancesFromTheSameConfigResolveIdentically() {
    AffinityChain one = AffinityChain.of(new SignedCookieStrategy(
        SignedCookieConfig.builder(TestKeys.keys(1)).build(), time, time));
    AffinityChain two = AffinityChain.of(new SignedCookieStrategy(
        SignedCookieConfig.builder(TestKeys.keys(1)).build(), time, time));
    TestResponse response = new TestResponse();
    one.respond(TestRequest.get("/"), Resolution.NO_AFFINITY, "b", response);
    TestRequest request = withCookie(response.added().get(0));
    Resolution fromOne = one.resolve(request, pool);
    assertThat(fromOne.outcome()).isEqualTo(Outcome.VALID);
    assertThat(two.resolve(request, pool)).isEqualTo(fromOne);
    TestRequest tampered = TestRequest.get("/").cookie("TETHER", "x" + value(response.added().get(0)));
    assertThat(two.resolve(tampered, pool)).isEqualTo(one.resolve(tampered, pool));
  }

  @Test
  void theCookieIsStrippedFromForwardedRequests() {
    assertThat(strategy.requestCookiesToStrip()).containsExactly("TETHER");
  }

  @Test
  void cacheControlIsAddedToNotWeakened() {
    assertThat(firstResponse(strategy, new TestResponse().serverHeader("Cache-Control", "no-store"))
        .header("Cache-Control")).isEqualTo("no-store");
    assertThat(firstResponse(strategy, new TestResponse().serverHeader("Cache-Control", "public, max-age=60"))
        .header("Cache-Control")).isEqualTo("public, max-age=60, no-cache=\"Set-Cookie\"");
    SignedCookieStrategy privately = new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(1))
        .cacheControl(SignedCookieConfig.CacheControl.PRIVATE).build(), time, time);
    assertThat(firstResponse(privately, new TestResponse()).header("Cache-Control")).isEqualTo("private");
  }

  @Test
  void writesTheConfiguredAttributes() {
    SignedCookieStrategy custom = new SignedCookieStrategy(SignedCookieConfig.builder(TestKeys.keys(1))
        .cookieName("AFF")
        .attributes(new CookieAttributes("/shop", "example.com", true, true, CookieAttributes.SameSite.NONE,
            Duration.ofHours(8)))
        .build(), time, time);
    String header = firstResponse(custom, new TestResponse()).added().get(0);
    assertThat(header).startsWith("AFF=")
        .endsWith("; Path=/shop; Domain=example.com; Max-Age=28800; Secure; HttpOnly; SameSite=None");
  }

  @Test
  void countsLiveSessionsPerServerThroughMovesAndExpiry() {
    String s1 = issue(TestRequest.get("/"), "a");
    issue(TestRequest.get("/"), "a");
    issue(TestRequest.get("/"), "b");
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("a", 2L, "b", 1L));

    TestRequest moving = withCookie(s1);
    strategy.respond(moving, strategy.resolve(moving, pool).withOutcome(Outcome.REDISPATCHED, "a down"), "b",
        new TestResponse());
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("a", 1L, "b", 2L));
    assertThat(strategy.liveSessions("b")).isEqualTo(2);

    time.advance(Duration.ofMinutes(20));
    respond(withCookie(s1), "b"); // the moved session stays active
    time.advance(Duration.ofMinutes(11));
    assertThat(strategy.liveSessions()).isEqualTo(Map.of("b", 1L));
    assertThat(strategy.liveSessions("a")).isZero();
  }

  @Test
  void aSessionWhoseCookieNeverComesBackIsLiveForMaxIdleAndCountedOnceWhenItDoes() {
    String once = issue(TestRequest.get("/"), "a");
    String back = issue(TestRequest.get("/"), "a");
    assertThat(strategy.liveSessions("a")).isEqualTo(2);

    time.advance(Duration.ofMinutes(10));
    respond(withCookie(back), "a");
    assertThat(strategy.liveSessions("a")).as("the returning session, counted once").isEqualTo(2);
    respond(withCookie(back), "a");
    assertThat(strategy.liveSessions("a")).isEqualTo(2);

    time.advance(Duration.ofMinutes(20));
    assertThat(strategy.liveSessions("a")).as("at max-idle the unreturned one may still come back").isEqualTo(2);
    assertThat(once).isNotNull();
    time.advance(Duration.ofMinutes(1));
    assertThat(strategy.liveSessions()).as("only the one seen 21 minutes ago").isEqualTo(Map.of("a", 1L));
  }

  @Test
  void aSessionStartedByAnotherInstanceDoesNotUncountThisOnesNewSessions() {
    SignedCookieStrategy other = new SignedCookieStrategy(config, time, time);
    TestRequest elsewhere = TestRequest.get("/");
    String foreign = issue(other, elsewhere, other.resolve(elsewhere, pool), "a");
    issue(TestRequest.get("/"), "a");

    respond(withCookie(foreign), "a");

    assertThat(strategy.liveSessions("a")).isEqualTo(2);
    assertThat(other.liveSessions("a")).isEqualTo(1);
  }

  @Test
  void rejectsBadConfig() {
    SignedCookieConfig.Builder builder = SignedCookieConfig.builder(TestKeys.keys(1));
    assertThatThrownBy(() -> builder.cookieName("bad name").build())
        .hasMessage("cookieName: bad name (expected: an RFC 6265 cookie name)");
    assertThatThrownBy(() -> SignedCookieConfig.builder(TestKeys.keys(1))
            .maxIdle(Duration.ofMinutes(10)).refreshInterval(Duration.ofMinutes(10)).build())
        .hasMessage("refreshInterval: PT10M (expected: < maxIdle PT10M)");
    assertThatThrownBy(() -> SignedCookieConfig.builder(TestKeys.keys(1))
            .maxLife(Duration.ofMinutes(10)).build())
        .hasMessage("maxLife: PT10M (expected: >= maxIdle PT30M)");
    assertThatThrownBy(() -> SignedCookieConfig.builder(null).build())
        .hasMessage("keys: null (expected: signing keys)");
    assertThatThrownBy(
            () -> new CookieAttributes("/", null, false, true, CookieAttributes.SameSite.NONE, null))
        .hasMessage("sameSite: NONE (expected: secure = true with SameSite=None)");
    assertThatThrownBy(
            () -> new CookieAttributes("shop", null, false, true, null, null))
        .hasMessage("path: shop (expected: a path starting with /, without ; or controls)");
    assertThatThrownBy(
            () -> new CookieAttributes("/", "evil.com; x", false, true, null, null))
        .hasMessage("domain: evil.com; x (expected: a host name such as example.com)");
  }

  private String issue(TestRequest request, String server) {
    return issue(strategy, request, strategy.resolve(request, pool), server);
  }

  private String issue(TestRequest request, Resolution resolution, String server) {
    TestResponse response = new TestResponse();
    strategy.respond(request, resolution, server, response);
    String header = response.added().isEmpty() ? null : response.added().get(0);
    return header != null ? header : "TETHER=" + request.cookie("TETHER") + ";";
  }

  private static String issue(SignedCookieStrategy strategy, TestRequest request, Resolution resolution,
      String server) {
    TestResponse response = new TestResponse();
    strategy.respond(request, resolution, server, response);
    return response.added().get(0);
  }

  private TestResponse respond(TestRequest request, String server) {
    TestResponse response = new TestResponse();
    strategy.respond(request, strategy.resolve(request, pool), server, response);
    return response;
  }

  private static TestResponse firstResponse(SignedCookieStrategy strategy, TestResponse response) {
    strategy.respond(TestRequest.get("/"), Resolution.NO_AFFINITY, "a", response);
    return response;
  }

  /** The request a browser sends back after receiving this Set-Cookie. */
  private static TestRequest withCookie(String setCookie) {
    String pair = setCookie.substring(0, setCookie.indexOf(';'));
    return TestRequest.get("/").cookie(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
  }

  private static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  private static AffinityToken token(String setCookie) {
    return new CookieCodec(TestKeys.keys(1)).decode(value(setCookie)).token();
  }
}
