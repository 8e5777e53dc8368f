package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tether.admin.TestAdmin.Console;
import tether.admin.engine.AdminException;
import tether.admin.engine.ReloadReport;

/** {@code POST /api/reload} and {@code DELETE /api/routes}: answers, refusals and audit lines. */
class ReloadAndRoutesResetTest {

  private static final String RUNTIME_TABLE = "{\"rules\":[{\"host\":\"shop.example\",\"pool\":\"web\"}]}";
  private static final ReloadReport REPORT = new ReloadReport(
      List.of("pool web: server s4 added", "pool web: server a weight 10 -> 20"),
      List.of("pool web: server b weight: the run-time value 5 wins"),
      List.of("tether.listen.port"));

  private final TestAdmin admin = new TestAdmin();
  private final AuditLines lines = new AuditLines();

  @AfterEach
  void close() {
    lines.close();
    admin.close();
  }

  @Test
  void dropsTheRuntimeRoutesAndAnswersTheConfiguredOnes() {
    assertThat(ok(admin.operator("PUT", "/api/routes", RUNTIME_TABLE)).get("source").asText()).isEqualTo("runtime");

    JsonNode cleared = ok(admin.operator("DELETE", "/api/routes", null));
    assertThat(cleared.get("source").asText()).isEqualTo("config");
    assertThat(cleared.get("rules").get(0).get("host").asText()).isEqualTo("*");
    assertThat(ok(admin.viewer("GET", "/api/routes", null))).isEqualTo(cleared);
  }

  @Test
  void dropsNothingWithoutAnError() {
    JsonNode cleared = ok(admin.operator("DELETE", "/api/routes", null));
    assertThat(cleared.get("source").asText()).isEqualTo("config");
  }

  @Test
  void auditsTheDroppedTableAsBefore() {
    admin.operator("PUT", "/api/routes", RUNTIME_TABLE);
    lines.clear();

    admin.operator("DELETE", "/api/routes", null);

    assertThat(lines.messages()).hasSize(1);
    assertThat(lines.messages().get(0)).startsWith("alice (bearer) DELETE /api/routes request= before={")
        .contains("shop.example", "after={");
    JsonNode entry = json(admin.viewer("GET", "/api/audit", null)).get("entries").get(0);
    assertThat(entry.get("before").get("rules").get(0).get("host").asText()).isEqualTo("shop.example");
    assertThat(entry.get("after").get("rules").get(0).get("host").asText()).isEqualTo("*");
  }

  @Test
  void reloadsAndAnswersTheReport() {
    admin.engine.reloadAnswers(REPORT);

    JsonNode report = ok(admin.operator("POST", "/api/reload", null));

    assertThat(report).isEqualTo(parse("{\"applied\":[\"pool web: server s4 added\","
        + "\"pool web: server a weight 10 -> 20\"],\"kept\":[\"pool web: server b weight: the run-time value 5 wins\"],"
        + "\"restartNeeded\":[\"tether.listen.port\"]}"));
    assertThat(admin.engine.reloads()).isEqualTo(1);
  }

  @Test
  void takesAnEmptyObjectButNoField() {
    assertThat(ok(admin.operator("POST", "/api/reload", "{}")).get("applied")).isEmpty();

    HttpResponse<String> refused = admin.operator("POST", "/api/reload", "{\"force\":true}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("error").asText()).isEqualTo("force: unknown field (expected: no fields)");
    assertThat(admin.engine.reloads()).isEqualTo(1);
  }

  @Test
  void auditsTheReportAsAfter() {
    admin.engine.reloadAnswers(REPORT);
    admin.operator("POST", "/api/reload", null);

    assertThat(lines.messages()).hasSize(1);
    assertThat(lines.messages().get(0))
        .startsWith("alice (bearer) POST /api/reload request= before=null after={\"applied\":[\"pool web: server s4 added\"");
    JsonNode entry = json(admin.viewer("GET", "/api/audit", null)).get("entries").get(0);
    assertThat(entry.get("who").asText()).isEqualTo("alice");
    assertThat(entry.get("path").asText()).isEqualTo("/api/reload");
    assertThat(entry.get("before").isNull()).isTrue();
    assertThat(entry.get("after").get("restartNeeded").get(0).asText()).isEqualTo("tether.listen.port");
  }

  @Test
  void listsEveryProblemOfTheFileAndAuditsNothing() {
    admin.engine.reloadRefuses(AdminException.badRequest("config", List.of(
        "tether.conf:12: pools.web.servers[0].weight: -1 (expected: an integer from 0 to 1000)",
        "tether.conf:20: routes[1].pool: nope (expected: one of [web])")));

    HttpResponse<String> response = admin.operator("POST", "/api/reload", null);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("field").asText()).isEqualTo("config");
    assertThat(body.get("error").asText()).isEqualTo("config: 2 problems (expected: none)");
    assertThat(body.get("messages")).extracting(JsonNode::asText).containsExactly(
        "tether.conf:12: pools.web.servers[0].weight: -1 (expected: an integer from 0 to 1000)",
        "tether.conf:20: routes[1].pool: nope (expected: one of [web])");
    assertThat(lines.messages()).isEmpty();
  }

  @Test
  void answersOneProblemAsTheError() {
    admin.engine.reloadRefuses(AdminException.badRequest("config", "tether.conf: missing (expected: a readable file)"));

    HttpResponse<String> response = admin.operator("POST", "/api/reload", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("tether.conf: missing (expected: a readable file)");
    assertThat(json(response).get("field").asText()).isEqualTo("config");
  }

  @ParameterizedTest
  @CsvSource({"DELETE, /api/routes", "POST, /api/reload"})
  void refusesACallWithoutCredentials(String method, String path) {
    admin.engine.replaceRoutes(RUNTIME_TABLE);
    HttpResponse<String> response = admin.send(admin.request(method, path, null));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("error").asText()).startsWith("credentials: missing");
    assertUntouched();
  }

  @ParameterizedTest
  @CsvSource({"DELETE, /api/routes", "POST, /api/reload"})
  void refusesAViewer(String method, String path) {
    admin.engine.replaceRoutes(RUNTIME_TABLE);
    HttpResponse<String> response = admin.viewer(method, path, null);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).isEqualTo("role: viewer (expected: operator, to change anything)");
    assertUntouched();
  }

  @ParameterizedTest
  @CsvSource({"DELETE, /api/routes", "POST, /api/reload"})
  void refusesAConsoleSessionWithoutTheCsrfToken(String method, String path) {
    admin.engine.replaceRoutes(RUNTIME_TABLE);
    Console console = admin.signIn(TestAdmin.OPERATOR);
    HttpResponse<String> response = admin.send(admin.request(method, path, null)
        .header("Cookie", console.cookie())
        .header("Origin", admin.base()));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).startsWith("X-CSRF-Token: missing");
    assertUntouched();

    assertThat(admin.send(admin.fromConsole(console, method, path, null)).statusCode()).isEqualTo(200);
  }

  @Test
  void answers405WithTheAllowedMethods() {
    HttpResponse<String> response = admin.operator("GET", "/api/reload", null);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(admin.operator("POST", "/api/routes", RUNTIME_TABLE).headers().firstValue("Allow"))
        .hasValue("DELETE, GET, PUT");
  }

  private void assertUntouched() {
    assertThat(admin.engine.reloads()).isZero();
    assertThat(admin.engine.routes().get("source")).isEqualTo("runtime");
    assertThat(lines.messages()).isEmpty();
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
