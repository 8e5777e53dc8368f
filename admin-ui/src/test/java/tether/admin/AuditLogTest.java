package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.admin.TestAdmin.Console;

/** Every change leaves one audit line with its before and after; reads and refusals leave none. */
class AuditLogTest {

  private final TestAdmin admin = new TestAdmin();
  private final AuditLines lines = new AuditLines();

  @AfterEach
  void close() {
    lines.close();
    admin.close();
  }

  @Test
  void recordsWhoWhatBeforeAndAfter() {
    admin.operator("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":7}");

    assertThat(lines.messages()).hasSize(1);
    String line = lines.messages().get(0);
    assertThat(line).startsWith("alice (bearer) PUT /api/pools/web/servers/a/weight request={\"weight\":7} before={")
        .contains("\"configuredWeight\":10", "after={", "\"configuredWeight\":7");

    JsonNode entry = json(admin.viewer("GET", "/api/audit", null)).get("entries").get(0);
    assertThat(entry.get("who").asText()).isEqualTo("alice");
    assertThat(entry.get("via").asText()).isEqualTo("bearer");
    assertThat(entry.get("method").asText()).isEqualTo("PUT");
    assertThat(entry.get("path").asText()).isEqualTo("/api/pools/web/servers/a/weight");
    assertThat(entry.get("request").asText()).isEqualTo("{\"weight\":7}");
    assertThat(entry.get("at").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(entry.get("before").get("configuredWeight").asInt()).isEqualTo(10);
    assertThat(entry.get("after").get("configuredWeight").asInt()).isEqualTo(7);
  }

  @Test
  void namesTheConsoleSessionsToken() {
    Console console = admin.signIn(TestAdmin.OPERATOR);
    admin.send(admin.fromConsole(console, "POST", "/api/pools/web/servers/b/disable", null));
    JsonNode entry = json(admin.viewer("GET", "/api/audit", null)).get("entries").get(0);
    assertThat(entry.get("who").asText()).isEqualTo("alice");
    assertThat(entry.get("via").asText()).isEqualTo("session");
    assertThat(entry.get("after").get("state").asText()).isEqualTo("maintenance");
  }

  @Test
  void recordsAddsAndRemovesWithNothingOnOneSide() {
    admin.operator("POST", "/api/pools/web/servers", "{\"id\":\"c\",\"address\":\"10.0.0.3:80\",\"weight\":1}");
    admin.operator("DELETE", "/api/pools/web/servers/c?force=true", null);
    JsonNode entries = json(admin.viewer("GET", "/api/audit", null)).get("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("path").asText()).isEqualTo("/api/pools/web/servers/c?force=true");
    assertThat(entries.get(0).get("before").get("id").asText()).isEqualTo("c");
    assertThat(entries.get(0).get("after").isNull()).isTrue();
    assertThat(entries.get(1).get("before").isNull()).isTrue();
    assertThat(entries.get(1).get("after").get("id").asText()).isEqualTo("c");
  }

  @Test
  void leavesOutReadsAndRefusals() {
    admin.viewer("GET", "/api/pools", null);
    admin.viewer("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":7}");
    admin.operator("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":-7}");
    admin.operator("POST", "/api/pools/web/servers/a/ramp/pause", null);
    assertThat(lines.messages()).isEmpty();
    assertThat(json(admin.viewer("GET", "/api/audit", null)).get("entries")).isEmpty();
  }

  @Test
  void keepsTheLatest500NewestFirst() {
    for (int i = 0; i < AuditLog.CAPACITY + 5; i++) {
      admin.operator("PUT", "/api/pools/web/servers/a/weight", "{\"weight\":" + (i % 1000) + "}");
    }
    JsonNode all = json(admin.viewer("GET", "/api/audit?limit=500", null)).get("entries");
    assertThat(all).hasSize(AuditLog.CAPACITY);
    assertThat(all.get(0).get("request").asText()).isEqualTo("{\"weight\":504}");
    assertThat(all.get(AuditLog.CAPACITY - 1).get("request").asText()).isEqualTo("{\"weight\":5}");
    assertThat(json(admin.viewer("GET", "/api/audit", null)).get("entries")).hasSize(AuditActions.DEFAULT_LIMIT);
    assertThat(lines.messages()).hasSize(AuditLog.CAPACITY + 5);
  }
}
