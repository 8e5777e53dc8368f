package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.admin.AdminSettings.Role;
import tether.admin.AdminSettings.Token;
import tether.admin.TestAdmin.Console;

/** Bearer tokens, console sessions, and what each role may do. */
class AuthenticationTest {

  private final TestAdmin admin = new TestAdmin();

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void refusesACallWithoutCredentials() {
    HttpResponse<String> response = admin.send(admin.request("GET", "/api/pools", null));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(response).get("error").asText()).startsWith("credentials: missing");
  }

  @Test
  void refusesAWrongToken() {
    HttpResponse<String> response =
        admin.send(admin.request("GET", "/api/pools", null).header("Authorization", "Bearer not-a-token-at-all"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("error").asText()).startsWith("Authorization: unknown token");
  }

  @Test
  void slowsDownGuessingFromOneAddress() {
    for (int i = 0; i < GuessLimiter.MAX_FAILURES; i++) {
      HttpResponse<String> wrong =
          admin.send(admin.request("GET", "/api/pools", null).header("Authorization", "Bearer guess-" + i));
      assertThat(wrong.statusCode()).as("guess %d", i).isEqualTo(401);
    }

    HttpResponse<String> refused = admin.operator("GET", "/api/pools", null);
    assertThat(refused.statusCode()).as("even the right token, from that address").isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(json(refused).get("error").asText()).startsWith("token: 10 wrong tokens from 127.0.0.1 within 60 s");
    HttpResponse<String> signIn = admin.send(admin.request("POST", "/api/session", "{\"token\": \"" + TestAdmin.OPERATOR + "\"}"));
    assertThat(signIn.statusCode()).as("the console's sign-in counts too").isEqualTo(429);

    admin.advanceClock(GuessLimiter.WINDOW);
    assertThat(admin.operator("GET", "/api/pools", null).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongSignInsCountAsGuesses() {
    for (int i = 0; i < GuessLimiter.MAX_FAILURES; i++) {
      assertThat(admin.send(admin.request("POST", "/api/session", "{\"token\": \"guess-" + i + "\"}")).statusCode())
          .isEqualTo(401);
    }
    assertThat(admin.operator("GET", "/api/pools", null).statusCode()).isEqualTo(429);
  }

  @Test
  void refusesAnotherScheme() {
    HttpResponse<String> response =
        admin.send(admin.request("GET", "/api/pools", null).header("Authorization", "Basic YWxpY2U6eA=="));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("error").asText()).startsWith("Authorization: Basic scheme");
  }

  @Test
  void letsAViewerReadButNotChange() {
    assertThat(admin.viewer("GET", "/api/pools", null).statusCode()).isEqualTo(200);
    HttpResponse<String> change = admin.viewer("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":1}");
    assertThat(change.statusCode()).isEqualTo(403);
    assertThat(json(change).get("error").asText()).isEqualTo("role: viewer (expected: operator, to change anything)");
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(10);
  }

  @Test
  void signsInTellsWhoAndSignsOut() {
    HttpResponse<String> signIn =
        admin.send(admin.request("POST", "/api/session", "{\"token\":\"" + TestAdmin.OPERATOR + "\"}"));
    assertThat(signIn.statusCode()).isEqualTo(200);
    String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("tether-admin=").contains("HttpOnly", "SameSite=Strict", "Path=/")
        .doesNotContain("Secure");
    String id = setCookie.substring("tether-admin=".length(), setCookie.indexOf(';'));
    assertThat(id).hasSizeGreaterThanOrEqualTo(22); // 128 bits in base64 and more
    assertThat(json(signIn).get("name").asText()).isEqualTo("alice");
    assertThat(json(signIn).get("role").asText()).isEqualTo("operator");
    assertThat(json(signIn).get("expires").asText()).isEqualTo("2030-01-01T08:00:00Z");
    Console console = new Console("tether-admin=" + id, json(signIn).get("csrfToken").asText());

    HttpResponse<String> who = admin.send(admin.request("GET", "/api/session", null).header("Cookie", console.cookie()));
    assertThat(who.statusCode()).isEqualTo(200);
    assertThat(json(who).get("via").asText()).isEqualTo("session");
    assertThat(json(who).get("csrfToken").asText()).isEqualTo(console.csrfToken());

    HttpResponse<String> signOut = admin.send(admin.fromConsole(console, "DELETE", "/api/session", null));
    assertThat(signOut.statusCode()).isEqualTo(204);
    assertThat(signOut.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
    assertThat(admin.send(admin.request("GET", "/api/session", null).header("Cookie", console.cookie())).statusCode())
        .isEqualTo(401);
  }

  @Test
  void tellsABearerCallerWhoTheyAre() {
    HttpResponse<String> who = admin.viewer("GET", "/api/session", null);
    assertThat(json(who).get("name").asText()).isEqualTo("victor");
    assertThat(json(who).get("via").asText()).isEqualTo("bearer");
    assertThat(json(who).get("csrfToken").isNull()).isTrue();
  }

  @Test
  void refusesSignInWithAWrongToken() {
    HttpResponse<String> response = admin.send(admin.request("POST", "/api/session", "{\"token\":\"guess-guess-guess-guess\"}"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("field").asText()).isEqualTo("token");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void refusesSignInFromAnotherSite() {
    HttpResponse<String> response = admin.send(admin.request("POST", "/api/session",
        "{\"token\":\"" + TestAdmin.OPERATOR + "\"}").header("Origin", "https://evil.example"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void endsAnExpiredSession() {
    Console console = admin.signIn(TestAdmin.VIEWER);
    admin.clock.advance(TestAdmin.SESSION_TTL.minus(Duration.ofSeconds(1)));
    assertThat(admin.send(admin.request("GET", "/api/pools", null).header("Cookie", console.cookie())).statusCode())
        .isEqualTo(200);

    admin.clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> expired = admin.send(admin.request("GET", "/api/pools", null).header("Cookie", console.cookie()));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(json(expired).get("error").asText()).startsWith("session: unknown or expired");
  }

  @Test
  void refusesAnUnknownSessionCookie() {
    HttpResponse<String> response =
        admin.send(admin.request("GET", "/api/pools", null).header("Cookie", "tether-admin=made-up"));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void letsASignedInViewerReadButNotChange() {
    Console console = admin.signIn(TestAdmin.VIEWER);
    assertThat(admin.send(admin.fromConsole(console, "GET", "/api/pools", null)).statusCode()).isEqualTo(200);
    assertThat(admin.send(admin.fromConsole(console, "POST", "/api/pools/web/servers/a/disable", null)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void marksTheCookieSecureWhenConfigured() {
    AdminSettings settings = new AdminSettings("127.0.0.1", 0,
        List.of(new Token("alice", Role.OPERATOR, TestAdmin.OPERATOR)), Duration.ofMinutes(5), true);
    try (AdminServer secure = new AdminServer(settings, admin.engine, admin.clock)) {
      secure.start();
      HttpResponse<String> response = admin.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + secure.port() + "/api/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TestAdmin.OPERATOR + "\"}")));
      assertThat(response.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(v -> assertThat(v).contains("; Secure", "Max-Age=300"));
    }
  }
}
