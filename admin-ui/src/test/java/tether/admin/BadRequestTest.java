package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.admin.TestAdmin.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 400, 404, 405, 409 and 413: each answer names what was wrong. */
class BadRequestTest {

  private static final String SERVER = "/api/pools/web/servers/a";

  private final TestAdmin admin = new TestAdmin();

  @AfterEach
  void close() {
    admin.close();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      PUT  | /weight | {"weight":-1}                         | weight   | weight: -1 (expected: an integer from 0 to 1000)
      PUT  | /weight | {"weight":1001}                       | weight   | weight: 1001 (expected: an integer from 0 to 1000)
      PUT  | /weight | {"weight":"5"}                        | weight   | weight: "5" (expected: an integer from 0 to 1000)
      PUT  | /weight | {"weight":2.5}                        | weight   | weight: 2.5 (expected: an integer from 0 to 1000)
      PUT  | /weight | {"weight":99999999999}                | weight   | weight: 99999999999 (expected: an integer from 0 to 1000)
      PUT  | /weight | {}                                    | weight   | weight: missing (expected: an integer from 0 to 1000)
      PUT  | /weight | {"weight":5,"colour":"red"}           | colour   | colour: unknown field (expected: one of weight)
      PUT  | /weight | [5]                                   | body     | body: [5] (expected: a JSON object)
      PUT  | /weight | {"weight":5                           | body     | body: malformed JSON at line 1, column 12, it ends too early (expected: a JSON object)
      PUT  | /weight | {"weight":5}{"weight":6}              | body     | body: malformed JSON at line 1, column 13, more than one value (expected: a JSON object)
      PUT  | /weight | {"weight":5,"weight":6}               | body     | body: malformed JSON at line 1, column 21, duplicate field 'weight' (expected: a JSON object)
      PUT  | /weight | {weight:5}                            | body     | body: malformed JSON at line 1, column 2, unexpected character (expected: a JSON object)
      POST | /ramp   | {"target":10,"duration":"5x"}         | duration | duration: "5x" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10,"duration":"-5m"}        | duration | duration: "-5m" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10,"duration":"PT-5M"}      | duration | duration: "PT-5M" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10,"duration":"0s"}         | duration | duration: "0s" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10,"duration":300}          | duration | duration: 300 (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10,"duration":"2d"}         | duration | duration: "2d" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 24h)
      POST | /ramp   | {"target":10}                         | duration | duration: missing (expected: a duration such as 30s, 5m, 1h30m or PT5M)
      POST | /ramp   | {"duration":"5m"}                     | target   | target: missing (expected: an integer from 0 to 1000)
      POST | /ramp   | {"target":10,"duration":"5m","curve":"bouncy"} | curve | curve: "bouncy" (expected: linear, ease-in or ease-out)
      POST | /drain  | {"deadline":"soon"}                   | deadline | deadline: "soon" (expected: a duration such as 30s, 5m, 1h30m or PT5M, at most 168h)
      """)
  void namesTheBadField(String method, String path, String body, String field, String message) {
    HttpResponse<String> response = admin.operator(method, SERVER + path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo(field);
    assertThat(json(response).get("error").asText()).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"address":"10.0.0.9:80","weight":1}                 | id      | id: missing (expected: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)
      {"id":"a b","address":"10.0.0.9:80","weight":1}      | id      | id: "a b" (expected: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)
      {"id":"c","weight":1}                                | address | address: missing (expected: host:port of the server)
      {"id":"c","address":"","weight":1}                   | address | address: "" (expected: host:port of the server)
      {"id":"c","address":"10.0.0.9:80"}                   | weight  | weight: missing (expected: an integer from 0 to 1000)
      {"id":"c","address":"10.0.0.9:80","weight":1,"state":"gone"} | state | state: "gone" (expected: active, draining or maintenance)
      {"id":"c","address":"10.0.0.9:80","weight":1,"route":7} | route | route: 7 (expected: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)
      {"id":"c","address":"nowhere","weight":1}            | address | address: nowhere (expected: host:port)
      """)
  void namesTheBadFieldOfANewServer(String body, String field, String message) {
    HttpResponse<String> response = admin.operator("POST", "/api/pools/web/servers", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo(field);
    assertThat(json(response).get("error").asText()).isEqualTo(message);
  }

  @Test
  void refusesAnotherContentType() {
    HttpResponse<String> response = admin.send(admin.request("PUT", SERVER + "/weight", null)
        .header("Authorization", "Bearer " + TestAdmin.OPERATOR)
        .header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":5}")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("Content-Type");
    assertThat(json(response).get("error").asText()).isEqualTo("Content-Type: text/plain (expected: application/json)");
  }

  @Test
  void acceptsJsonWithACharset() {
    HttpResponse<String> response = admin.send(admin.request("PUT", SERVER + "/weight", null)
        .header("Authorization", "Bearer " + TestAdmin.OPERATOR)
        .header("Content-Type", "application/json; charset=UTF-8")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":5}")));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAMissingBody() {
    HttpResponse<String> response = admin.operator("PUT", SERVER + "/weight", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("body: empty (expected: a JSON object)");
  }

  @Test
  void refusesBadQueryParameters() {
    assertField(admin.operator("DELETE", SERVER + "?force=yes", null), "force", "force: yes (expected: true or false)");
    assertField(admin.viewer("GET", "/api/audit?limit=0", null), "limit", "limit: 0 (expected: an integer from 1 to 500)");
    admin.operator("POST", SERVER + "/drain", null);
    assertField(admin.viewer("GET", SERVER + "/drain/wait?timeout=1h", null), "timeout",
        "timeout: 1h (expected: a duration such as 30s, 5m, 1h30m or PT5M, from 1ms to 5m)");
  }

  @Test
  void listsEveryProblemOfARouteTable() {
    HttpResponse<String> response = admin.operator("PUT", "/api/routes",
        "{\"rules\":[{\"pool\":\"nope\"},{\"pool\":\"web\"},{\"pool\":\"gone\"}]}");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("field").asText()).isEqualTo("routes");
    assertThat(body.get("messages")).hasSize(2);
    assertThat(body.get("messages").get(0).asText()).isEqualTo("rules[0].pool: nope (expected: one of [web])");
    assertThat(body.get("error").asText()).isEqualTo("routes: 2 problems (expected: none)");
  }

  @Test
  void answers404ForUnknownPoolsServersAndPaths() {
    assertNotFound(admin.viewer("GET", "/api/pools/nope", null), "pool: nope");
    assertNotFound(admin.viewer("GET", "/api/pools/web/servers/z", null), "server: z");
    assertNotFound(admin.operator("PUT", "/api/pools/web/servers/z/weight", "{\"weight\":1}"), "server: z");
    assertNotFound(admin.viewer("GET", "/api/nothing-here", null), "path: /api/nothing-here");
    assertNotFound(admin.send(admin.request("GET", "/nothing-here", null)), "path: /nothing-here");
  }

  @Test
  void answers405WithTheAllowedMethods() {
    HttpResponse<String> response = admin.operator("PATCH", SERVER, "{}");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("DELETE, GET");
    assertThat(json(response).get("error").asText()).isEqualTo("method: PATCH (expected: DELETE, GET)");
    assertThat(admin.operator("DELETE", "/api/pools", null).statusCode()).isEqualTo(405);
  }

  @Test
  void answers409WhenTheEngineRefuses() {
    HttpResponse<String> response = admin.operator("POST", SERVER + "/ramp/pause", null);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).get("error").asText()).isEqualTo("ramp: none (expected: running)");
    assertThat(json(response).has("field")).isFalse();
    assertThat(admin.viewer("GET", SERVER + "/drain", null).statusCode()).isEqualTo(409);
    assertThat(admin.operator("POST", "/api/pools/web/servers",
        "{\"id\":\"a\",\"address\":\"10.0.0.9:80\",\"weight\":1}").statusCode()).isEqualTo(409);
  }

  @Test
  void answers413ForABodyOverOneMebibyte() {
    String big = "{\"weight\":5,\"pad\":\"" + "x".repeat(ApiHandler.MAX_BODY_BYTES) + "\"}";
    HttpResponse<String> response = admin.operator("PUT", SERVER + "/weight", big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("field").asText()).isEqualTo("body");
    // Just under the limit is read (and then refused for its unknown field, not its size).
    String fits = "{\"weight\":5,\"pad\":\"" + "x".repeat(ApiHandler.MAX_BODY_BYTES - 30) + "\"}";
    assertThat(admin.operator("PUT", SERVER + "/weight", fits).statusCode()).isEqualTo(400);
  }

  @Test
  void answers413ForAChunkedBodyOverOneMebibyte() {
    byte[] chunk = ("{\"pad\":\"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
    List<byte[]> chunks = Collections.nCopies(20, chunk);
    HttpResponse<String> response = admin.send(admin.request("PUT", SERVER + "/weight", null)
        .header("Authorization", "Bearer " + TestAdmin.OPERATOR)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArrays(chunks)));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  private static void assertField(HttpResponse<String> response, String field, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo(field);
    assertThat(json(response).get("error").asText()).isEqualTo(message);
  }

  private static void assertNotFound(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).startsWith(message);
  }
}
