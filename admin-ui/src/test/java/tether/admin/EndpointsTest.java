package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The happy path of every endpoint, against a real server over the fake engine. */
class EndpointsTest {

  private final TestAdmin admin = new TestAdmin();

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void listsPoolsAndServersWithTheirFigures() {
    JsonNode pools = ok(admin.viewer("GET", "/api/pools", null)).get("pools");
    assertThat(pools).hasSize(1);
    assertThat(pools.get(0).get("name").asText()).isEqualTo("web");
    assertThat(pools.get(0).get("balancer").asText()).isEqualTo("round-robin");

    JsonNode server = ok(admin.viewer("GET", "/api/pools/web", null)).get("servers").get(0);
    assertThat(server.get("id").asText()).isEqualTo("a");
    assertThat(server.get("address").asText()).isEqualTo("10.0.0.1:8080");
    assertThat(server.get("state").asText()).isEqualTo("active");
    assertThat(server.get("health").asText()).isEqualTo("up");
    assertThat(server.get("configuredWeight").asInt()).isEqualTo(10);
    assertThat(server.get("effectiveWeight").asInt()).isEqualTo(10);
    assertThat(server.get("overridden").get("weight").asBoolean()).isFalse();
    assertThat(server.get("live").get("requestsPerSecond").isNumber()).isTrue();
    assertThat(server.get("ramp").isNull()).isTrue();

    assertThat(ok(admin.viewer("GET", "/api/pools/web/servers", null)).get("servers")).hasSize(2);
    assertThat(ok(admin.viewer("GET", "/api/pools/web/servers/b", null)).get("id").asText()).isEqualTo("b");
  }

  @Test
  void setsAWeightAndForgetsIt() {
    JsonNode changed = ok(admin.operator("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":5}"));
    assertThat(changed.get("configuredWeight").asInt()).isEqualTo(5);
    assertThat(changed.get("overridden").get("weight").asBoolean()).isTrue();

    JsonNode cleared = ok(admin.operator("DELETE", "/api/pools/web/servers/a/overrides/weight", null));
    assertThat(cleared.get("configuredWeight").asInt()).isEqualTo(10);
    assertThat(cleared.get("overridden").get("weight").asBoolean()).isFalse();
  }

  @Test
  void startsPausesResumesAndAbortsARamp() {
    JsonNode started = ok(admin.operator("POST", "/api/pools/web/servers/a/ramp",
        "{\"target\":100,\"duration\":\"5m\",\"curve\":\"ease-in\"}"));
    JsonNode ramp = started.get("ramp");
    assertThat(ramp.get("from").asInt()).isEqualTo(10);
    assertThat(ramp.get("target").asInt()).isEqualTo(100);
    assertThat(ramp.get("duration").asText()).isEqualTo("PT5M");
    assertThat(ramp.get("curve").asText()).isEqualTo("ease-in");
    assertThat(ramp.get("started").asText()).isEqualTo("2030-01-01T00:00:00Z");

    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/ramp/pause", null))
        .get("ramp").get("paused").asBoolean()).isTrue();
    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/ramp/resume", null))
        .get("ramp").get("paused").asBoolean()).isFalse();
    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/ramp/abort", null))
        .get("ramp").isNull()).isTrue();
  }

  @Test
  void acceptsIsoDurationsAndTheDefaultCurve() {
    JsonNode ramp = ok(admin.operator("POST", "/api/pools/web/servers/a/ramp",
        "{\"target\":0,\"duration\":\"PT1H30M\"}")).get("ramp");
    assertThat(ramp.get("duration").asText()).isEqualTo("PT1H30M");
    assertThat(ramp.get("curve").asText()).isEqualTo("linear");
  }

  @Test
  void drainsAndShowsProgress() {
    JsonNode drained = ok(admin.operator("POST", "/api/pools/web/servers/a/drain", "{\"deadline\":\"10m\"}"));
    assertThat(drained.get("state").asText()).isEqualTo("draining");
    assertThat(drained.get("drain").get("deadline").asText()).isEqualTo("2030-01-01T00:10:00Z");

    JsonNode progress = ok(admin.viewer("GET", "/api/pools/web/servers/a/drain", null));
    assertThat(progress.get("liveSessions").asInt()).isEqualTo(3);
    assertThat(progress.get("estimatedSecondsLeft").isNull()).isTrue();
    assertThat(progress.get("done").asBoolean()).isFalse();
  }

  @Test
  void drainsWithoutABody() {
    JsonNode drained = ok(admin.operator("POST", "/api/pools/web/servers/b/drain", null));
    assertThat(drained.get("drain").get("deadline").isNull()).isTrue();
  }

  @Test
  void disablesEnablesAndForgetsTheState() {
    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/disable", null)).get("state").asText())
        .isEqualTo("maintenance");
    JsonNode cleared = ok(admin.operator("DELETE", "/api/pools/web/servers/a/overrides/state", null));
    assertThat(cleared.get("state").asText()).isEqualTo("active");
    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/disable", null))
        .get("overridden").get("state").asBoolean()).isTrue();
    assertThat(ok(admin.operator("POST", "/api/pools/web/servers/a/enable", null)).get("state").asText())
        .isEqualTo("active");
  }

  @Test
  void addsAndRemovesAServer() {
    HttpResponse<String> added = admin.operator("POST", "/api/pools/web/servers",
        "{\"id\":\"c\",\"address\":\"10.0.0.3:8080\",\"weight\":0,\"route\":\"node-c\",\"state\":\"maintenance\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.headers().firstValue("Location")).hasValue("/api/pools/web/servers/c");
    assertThat(json(added).get("route").asText()).isEqualTo("node-c");
    assertThat(json(added).get("state").asText()).isEqualTo("maintenance");

    HttpResponse<String> removed = admin.operator("DELETE", "/api/pools/web/servers/c", null);
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(admin.viewer("GET", "/api/pools/web/servers/c", null).statusCode()).isEqualTo(404);
  }

  @Test
  void forceRemovesABusyServer() {
    admin.engine.inFlight("web", "b", 2);
    assertThat(admin.operator("DELETE", "/api/pools/web/servers/b", null).statusCode()).isEqualTo(409);
    assertThat(admin.operator("DELETE", "/api/pools/web/servers/b?force=true", null).statusCode()).isEqualTo(204);
  }

  @Test
  void findsWhereASessionIsPinned() {
    JsonNode pinned = ok(admin.viewer("GET", "/api/pools/web/sessions/session-1", null));
    assertThat(pinned.get("pinned").asBoolean()).isTrue();
    assertThat(pinned.get("server").asText()).isEqualTo("a");
    assertThat(pinned.get("strategy").asText()).isEqualTo("cookie");

    JsonNode unknown = ok(admin.viewer("GET", "/api/pools/web/sessions/nobody", null));
    assertThat(unknown.get("pinned").asBoolean()).isFalse();
    assertThat(unknown.get("server").isNull()).isTrue();
  }

  @Test
  void readsAndReplacesTheRoutes() {
    assertThat(ok(admin.viewer("GET", "/api/routes", null)).get("rules").get(0).get("pool").asText())
        .isEqualTo("web");
    String table = "{\"rules\":[{\"host\":\"shop.example\",\"pool\":\"web\"}]}";
    assertThat(ok(admin.operator("PUT", "/api/routes", table)).get("rules").get(0).get("host").asText())
        .isEqualTo("shop.example");
    assertThat(ok(admin.viewer("GET", "/api/routes", null)).get("rules").get(0).get("host").asText())
        .isEqualTo("shop.example");
  }

  @Test
  void servesTheApiDocumentWithoutCredentials() {
    JsonNode document = ok(admin.send(admin.request("GET", "/api/openapi.json", null)));
    assertThat(document.get("openapi").asText()).startsWith("3.");
  }

  @Test
  void answersWithHeadersThatKeepAnswersOutOfCaches() {
    HttpResponse<String> response = admin.viewer("GET", "/api/pools", null);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Responses.JSON);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }
}
