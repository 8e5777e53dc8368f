package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tether.stickiness.cookie.AffinityToken;
import tether.stickiness.cookie.CookieCodec;
import tether.stickiness.cookie.SigningKeys;

/**
 * Bad affinity cookies through a real proxy: each request is still answered 200 by a demo instance, is
 * counted as invalid (or expired), and gets a fresh valid cookie; the bad value never comes back in the
 * response. Genuine tokens come from real Tethers: one with another secret under the same key id, one
 * with an unknown key id, and one whose pool has a server {@code app9} that the proxy under test lacks.
 * Expired tokens are genuine tokens re-signed with the right key and old times, so nothing waits for a
 * clock (the strategy's expiry is unit-tested with a fake clock in the stickiness module).
 */
@Timeout(60)
class BadTokenTest {

  private static final String COOKIE = "TETHER";

  @TempDir
  static Path dir;

  private static final HttpClient http = Browser.newClient();
  private static DemoFleet fleet;
  private static RunningTether proxy;
  private static final Map<String, String> invalid = new LinkedHashMap<>();
  private static final Map<String, String> expired = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    fleet = DemoFleet.plain(3);
    proxy = RunningTether.start(dir, Hocon.tether(fleet, "strategies = [cookie]"));
    String genuine = tokenFrom(proxy);
    String app9 = "[ { id = app9, address = \"127.0.0.1:" + fleet.app("app1").port() + "\" } ]";

    invalid.put("forged (right layout, made-up signature)", zeroSignature(genuine));
    invalid.put("not a token", "forged-by-hand");
    invalid.put("tampered signature", flip(genuine, genuine.length() - 10));
    invalid.put("tampered payload", flip(genuine, 30));
    invalid.put("truncated", genuine.substring(0, genuine.length() - 7));
    invalid.put("oversized (5,000 characters)", (genuine + "A".repeat(5_000)).substring(0, 5_000));
    invalid.put("another secret under the same key id",
        tokenFrom(Hocon.tether(fleet, TestKeys.hocon("k1", Map.of("k1", TestKeys.OTHER_K1)), "strategies = [cookie]")));
    invalid.put("an unknown key id",
        tokenFrom(Hocon.tether(fleet, TestKeys.hocon("k7", Map.of("k7", TestKeys.OTHER_K1)), "strategies = [cookie]")));
    invalid.put("right key, server the pool lacks (app9)",
        tokenFrom(Hocon.tether(app9, Hocon.DEFAULT_KEYS, "strategies = [cookie]")));

    CookieCodec codec = TestKeys.codec("k1", Map.of("k1", TestKeys.K1));
    long now = Instant.now().getEpochSecond();
    invalid.put("right key, issued an hour from now", codec.encode(new AffinityToken("app1", 1, 2, now + 3_600, now + 3_600)));
    invalid.put("right key and server, issued by another pool (web)",
        new CookieCodec(SigningKeys.fromBase64("k1", Map.of("k1", TestKeys.K1)), "web")
            .encode(new AffinityToken("app1", 7, 8, now - 60, now - 60)));
    // Defaults: max-idle 30m, max-life 12h.
    expired.put("right key, idle for 31 minutes", codec.encode(new AffinityToken("app1", 3, 4, now - 3_600, now - 31 * 60)));
    expired.put("right key, 13 hours old", codec.encode(new AffinityToken("app1", 5, 6, now - 13 * 3_600, now - 60)));
    assertThat(codec.decode(genuine).ok()).as("the genuine token decodes with the test key").isTrue();
  }

  @AfterAll
  static void stop() {
    Browser.stop(http);
    if (proxy != null) {
      proxy.close();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> invalidTokens() {
    return invalid.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> rejected(e.getKey(), e.getValue(), "invalid")));
  }

  @TestFactory
  Stream<DynamicTest> expiredTokens() {
    return expired.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> rejected(e.getKey(), e.getValue(), "expired")));
  }

  private static void rejected(String what, String bad, String outcome) {
    // Dynamic tests of one factory run one after another, so the meters move by this request alone.
    long counted = proxy.affinity(outcome);
    long byCookie = proxy.affinity("cookie." + outcome);
    long valid = proxy.affinity("valid");
    Browser browser = Browser.withCookies(http);
    browser.setCookie(COOKIE, bad);

    Visit first = browser.get(proxy.uri(""), "/api/session");

    assertThat(first.status()).as("status for %s", what).isEqualTo(200);
    assertThat(first.visits()).as("a demo instance answered, in a new session").isEqualTo(1);
    assertThat(proxy.affinity(outcome) - counted).as("affinity.%s for %s", outcome, what).isEqualTo(1);
    assertThat(proxy.affinity("cookie." + outcome) - byCookie).as("affinity.cookie.%s", outcome).isEqualTo(1);
    assertThat(proxy.affinity("valid")).as("affinity.valid").isEqualTo(valid);
    String fresh = first.setCookie(COOKIE).orElseThrow(
        () -> new AssertionError("no new " + COOKIE + " cookie replaces " + what + "; Set-Cookie: " + first.setCookies()));
    assertThat(fresh).as("the new cookie").isNotEqualTo(bad);
    first.headers().map().forEach((name, values) -> assertThat(values)
        .as("header %s echoes the bad token (%s)", name, what)
        .noneMatch(v -> v.contains(bad)));
    assertThat(first.body()).as("body").doesNotContain(bad);

    // The fresh cookie is a good one: the session stays where it landed.
    Visit second = browser.get(proxy.uri(""), "/api/session");
    assertThat(second.brief()).as("second request with the fresh cookie")
        .isEqualTo("200 " + first.instance() + " visits=2 session=" + first.session());
    assertThat(proxy.affinity("valid") - valid).as("affinity.valid after the fresh cookie").isEqualTo(1);
  }

  /** The cookie a new session gets from a Tether started from {@code hocon}, which is then stopped. */
  private static String tokenFrom(String hocon) {
    try (RunningTether other = RunningTether.start(dir, hocon)) {
      return tokenFrom(other);
    }
  }

  private static String tokenFrom(RunningTether tether) {
    Visit visit = Browser.withCookies(http).get(tether.uri(""), "/api/session");
    assertThat(visit.status()).as("a first request through %s", tether.uri("")).isEqualTo(200);
    return visit.setCookie(COOKIE).orElseThrow(() -> new AssertionError("no cookie: " + visit.setCookies()));
  }

  /** The token with every byte of its HMAC (the last 32 bytes) zeroed. */
  private static String zeroSignature(String token) {
    byte[] raw = Base64.getUrlDecoder().decode(token);
    Arrays.fill(raw, raw.length - 32, raw.length, (byte) 0);
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThat(forged).isNotEqualTo(token);
    return forged;
  }

  /** One character replaced by another of the base64url alphabet. */
  private static String flip(String token, int at) {
    char c = token.charAt(at);
    char other = c == 'A' ? 'B' : 'A';
    return token.substring(0, at) + other + token.substring(at + 1);
  }
}
