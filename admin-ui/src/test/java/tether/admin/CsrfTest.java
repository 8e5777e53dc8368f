package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.admin.TestAdmin.Console;

/** Changes made with the console's cookie need the CSRF token and the listener's own origin. */
class CsrfTest {

  private static final String PATH = "/api/pools/web/servers/a/weight";
  private static final String BODY = "{\"weight\":3}";

  private final TestAdmin admin = new TestAdmin();
  private final Console console = admin.signIn(TestAdmin.OPERATOR);

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void acceptsTheConsolesOwnRequest() {
    assertThat(admin.send(admin.fromConsole(console, "PUT", PATH, BODY)).statusCode()).isEqualTo(200);
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(3);
  }

  @Test
  void acceptsAReferrerWhenTheOriginIsMissing() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken())
        .header("Referer", admin.base() + "/console/pools/web"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void refusesAMissingToken() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("Origin", admin.base()));
    assertRefused(response, "X-CSRF-Token: missing");
  }

  @Test
  void refusesAWrongToken() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken() + "x")
        .header("Origin", admin.base()));
    assertRefused(response, "X-CSRF-Token: wrong token");
  }

  @Test
  void refusesAnotherSessionsToken() {
    Console other = admin.signIn(TestAdmin.OPERATOR);
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", other.csrfToken())
        .header("Origin", admin.base()));
    assertRefused(response, "X-CSRF-Token: wrong token");
  }

  @Test
  void refusesAForeignOrigin() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken())
        .header("Origin", "http://evil.example"));
    assertRefused(response, "Origin: http://evil.example (expected: this admin listener");
  }

  @Test
  void refusesTheRightHostOnAnotherPort() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken())
        .header("Origin", "http://127.0.0.1:1"));
    assertRefused(response, "Origin: http://127.0.0.1:1 ");
  }

  @Test
  void refusesAForeignReferrer() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken())
        .header("Referer", "http://evil.example/page"));
    assertRefused(response, "Referer: http://evil.example/page");
  }

  @Test
  void refusesAMissingOriginAndReferrer() {
    HttpResponse<String> response = admin.send(admin.request("PUT", PATH, BODY)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken()));
    assertRefused(response, "Origin: missing");
  }

  @Test
  void needsNeitherForABearerToken() {
    assertThat(admin.operator("PUT", PATH, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void needsNeitherToRead() {
    HttpResponse<String> response =
        admin.send(admin.request("GET", "/api/pools", null).header("Cookie", console.cookie()));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private void assertRefused(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).contains(message);
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(10);
  }
}
