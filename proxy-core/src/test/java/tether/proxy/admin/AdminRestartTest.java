package tether.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.HostPort;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Server;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.CountingBackend;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/** Runtime changes made through the admin API survive a restart of the proxy. */
class AdminRestartTest {

  private static final String SECRET = "operator-secret-0123456789";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private final List<CountingBackend> backends = new java.util.ArrayList<>();

  @org.junit.jupiter.api.BeforeEach
  void backends() {
    var deliveries = CountingBackend.deliveries();
    for (String id : List.of("s1", "s2", "s3")) {
      backends.add(CountingBackend.start(id, deliveries));
    }
  }

  @org.junit.jupiter.api.AfterEach
  void stopBackends() {
    backends.forEach(CountingBackend::close);
  }

  /** Makes new sessions until one lands on {@code server}, so that its drain has a live session to wait for. */
  private void sessionOn(RunningProxy proxy, String server) throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
      if (r.headers().firstValue("X-Server").orElse("").equals(server)) {
        return;
      }
    }
    throw new AssertionError("no session on " + server);
  }

  private RunningProxy start(Path stateFile) {
    return start(stateFile, backends.get(0).port(), backends.get(1).port(), backends.get(2).port());
  }

  /** With the servers s1, s2, ... of the configuration at these ports. */
  private RunningProxy start(Path stateFile, int... ports) {
    AdminConfig admin = new AdminConfig(new HostPort("127.0.0.1", 0),
        List.of(new AdminConfig.Token("ops", "operator", SECRET)), Duration.ofHours(1), false, stateFile.toString());
    return RunningProxy.start(TestConfig.create()
        .pool("app", ports)
        .affinity("app", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
        .keys("k1", Map.of("k1", Affinities.KEY))
        .route("/", "app")
        .build()
        .withAdmin(admin));
  }

  private HttpResponse<String> call(RunningProxy proxy, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.tether().adminPort() + path))
        .header("Authorization", "Bearer " + SECRET)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void drainsWeightsAndAddedServersSurviveARestart() throws Exception {
    Path stateFile = dir.resolve("state.json");
    try (RunningProxy proxy = start(stateFile)) {
      sessionOn(proxy, "s2");
      assertThat(call(proxy, "PUT", "/api/pools/app/servers/s1/weight", "{\"weight\": 7}").statusCode()).isEqualTo(200);
      assertThat(call(proxy, "POST", "/api/pools/app/servers/s2/drain", "{\"deadline\": \"1h\"}").statusCode()).isEqualTo(200);
      assertThat(call(proxy, "POST", "/api/pools/app/servers",
          "{\"id\": \"s4\", \"address\": \"127.0.0.1:4\", \"weight\": 3}").statusCode()).isEqualTo(201);
      assertThat(call(proxy, "POST", "/api/pools/app/servers/s3/disable", null).statusCode()).isEqualTo(200);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s3", null).statusCode()).isEqualTo(204);
      assertThat(call(proxy, "PUT", "/api/pools/app/servers/s1/weight", "{\"weight\": -1}").statusCode()).isEqualTo(400);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s2", null).statusCode())
          .as("a server whose session is still live is not removed").isEqualTo(409);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s1", null).statusCode())
          .as("an active server is not removed").isEqualTo(409);
      HttpResponse<String> progress = call(proxy, "GET", "/api/pools/app/servers/s2/drain", null);
      assertThat(progress.body()).contains("\"liveSessions\":1", "\"done\":false");
      assertThat(call(proxy, "GET", "/api/pools/nope", null).statusCode()).isEqualTo(404);
    }
    assertThat(Files.readString(stateFile)).contains("\"s4\"", "draining");

    try (RunningProxy proxy = start(stateFile)) {
      var snapshot = proxy.tether().pool("app").snapshot();
      assertThat(snapshot.servers()).extracting(Server::id).containsExactly("s1", "s2", "s4");
      assertThat(snapshot.server("s1").weight()).isEqualTo(7);
      assertThat(snapshot.server("s2").state()).isEqualTo(AdminState.DRAINING);
      assertThat(snapshot.server("s4").weight()).isEqualTo(3);
      HttpResponse<String> drain = call(proxy, "GET", "/api/pools/app/servers/s2/drain", null);
      assertThat(drain.statusCode()).isEqualTo(200);
      assertThat(drain.body()).contains("\"done\":false");
      // Cleared at run time: back to the configuration, and that too survives.
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s1/overrides/weight", null).statusCode()).isEqualTo(200);
    }
    try (RunningProxy proxy = start(stateFile)) {
      assertThat(proxy.tether().pool("app").snapshot().server("s1").weight()).isEqualTo(1);
      assertThat(proxy.tether().pool("app").snapshot().server("s2").state()).isEqualTo(AdminState.DRAINING);
    }
  }

  @Test
  void aConfiguredServerReplacedAtItsIdStaysReplacedAndThenRemovedAcrossRestarts() throws Exception {
    Path stateFile = dir.resolve("state.json");
    String newAddress = "127.0.0.1:4";
    try (RunningProxy proxy = start(stateFile)) {
      assertThat(call(proxy, "POST", "/api/pools/app/servers/s2/disable", null).statusCode()).isEqualTo(200);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s2", null).statusCode()).isEqualTo(204);
      // A new version of s2, somewhere else: what a rolling upgrade does.
      assertThat(call(proxy, "POST", "/api/pools/app/servers",
          "{\"id\": \"s2\", \"address\": \"" + newAddress + "\", \"weight\": 3}").statusCode()).isEqualTo(201);
      assertThat(proxy.tether().pool("app").snapshot().server("s2").address().toString()).isEqualTo(newAddress);
      assertThat(call(proxy, "PUT", "/api/pools/app/servers/s2/weight", "{\"weight\": 7}").statusCode()).isEqualTo(200);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s2/overrides/weight", null).statusCode()).isEqualTo(200);
      assertThat(proxy.tether().pool("app").snapshot().server("s2").weight())
          .as("the replacement's own weight, not the file's s2's").isEqualTo(3);
    }
    try (RunningProxy proxy = start(stateFile)) {
      assertThat(proxy.tether().pool("app").snapshot().server("s2").address().toString())
          .as("the replacement, not the configured s2").isEqualTo(newAddress);
      assertThat(call(proxy, "POST", "/api/pools/app/servers/s2/disable", null).statusCode()).isEqualTo(200);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s2", null).statusCode()).isEqualTo(204);
    }
    try (RunningProxy proxy = start(stateFile)) {
      assertThat(proxy.tether().pool("app").snapshot().servers()).extracting(Server::id)
          .as("neither the replacement nor the configured s2 comes back").containsExactly("s1", "s3");
    }
  }

  @Test
  void aServerAddedAtRunTimeKeepsItsDefinitionWhenTheFileTakesItsIdAndStaysOutOnceRemoved() throws Exception {
    Path stateFile = dir.resolve("state.json");
    try (RunningProxy proxy = start(stateFile)) {
      assertThat(call(proxy, "POST", "/api/pools/app/servers",
          "{\"id\": \"s4\", \"address\": \"127.0.0.1:4\", \"weight\": 1}").statusCode()).isEqualTo(201);
    }
    // The file now has an s4 of its own, elsewhere.
    int[] withS4 = {backends.get(0).port(), backends.get(1).port(), backends.get(2).port(), 5};
    try (RunningProxy proxy = start(stateFile, withS4)) {
      assertThat(proxy.tether().pool("app").snapshot().server("s4").address().toString())
          .as("the definition added at run time, as a reload keeps it").isEqualTo("127.0.0.1:4");
      assertThat(call(proxy, "POST", "/api/pools/app/servers/s4/disable", null).statusCode()).isEqualTo(200);
      assertThat(call(proxy, "DELETE", "/api/pools/app/servers/s4", null).statusCode()).isEqualTo(204);
    }
    try (RunningProxy proxy = start(stateFile, withS4)) {
      assertThat(proxy.tether().pool("app").snapshot().servers()).extracting(Server::id)
          .as("removed at run time: the file's s4 stays out too").containsExactly("s1", "s2", "s3");
    }
  }

  @Test
  void anUnreadableStateFileStopsTheStart() throws Exception {
    Path stateFile = dir.resolve("state.json");
    Files.writeString(stateFile, "{ not json");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(stateFile))
        .hasStackTraceContaining("state.json");
  }
}
