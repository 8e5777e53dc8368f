package tether.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
// The engine API's state, beside the pool's AdminState that this class uses by name.
import static tether.admin.engine.AdminState.DRAINING;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.admin.engine.AdminException;
import tether.admin.engine.NewServer;
import tether.admin.engine.ReloadReport;
import tether.admin.engine.Setting;
import tether.proxy.Tether;
import tether.proxy.config.ConfigLoader;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Server;
import tether.proxy.testing.CountingBackend;
import tether.proxy.testing.Ports;

/** A configuration file read again while the proxy runs, under the operator's run-time changes. */
class ReloadTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<CountingBackend> backends = new ArrayList<>();
  private Path file;
  private int listenPort;
  private Path stateFile;
  private Tether tether;

  @BeforeEach
  void start() throws Exception {
    var deliveries = CountingBackend.deliveries();
    for (String id : List.of("s1", "s2", "s3", "s4")) {
      backends.add(CountingBackend.start(id, deliveries));
    }
    file = dir.resolve("tether.conf");
    listenPort = Ports.unused();
    stateFile = dir.resolve("state.json");
    write(servers("s1", 1, "s2", 1), "", "[ { prefix = \"/\", pool = app } ]");
    tether = Tether.start(ConfigLoader.load(file), file);
  }

  @AfterEach
  void stop() {
    if (tether != null) {
      tether.close();
    }
    backends.forEach(CountingBackend::close);
  }

  /** {@code id, weight} pairs over the back ends of the same name. */
  private String servers(Object... idWeight) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < idWeight.length; i += 2) {
      String id = (String) idWeight[i];
      list.append("{ id = ").append(id).append(", address = \"127.0.0.1:").append(port(id))
          .append("\", weight = ").append(idWeight[i + 1]).append(" }\n");
    }
    return list.toString();
  }

  private int port(String id) {
    return backends.get(Integer.parseInt(id.substring(1)) - 1).port();
  }

  private void write(String appServers, String morePools, String routes) throws Exception {
    Files.writeString(file, """
        tether {
          listen = ["127.0.0.1:%d"]
          keys { primary = k1, secrets { k1 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" } }
          pools {
            app {
              servers = [ %s ]
              affinity { strategies = [cookie], cookie { max-idle = 2s, refresh-interval = 1s } }
            }
            %s
          }
          routes = %s
          admin { state-file = "%s" }
        }
        """.formatted(listenPort, appServers, morePools, routes, stateFile.toString().replace("\\", "/")));
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + tether.addresses().get(0).getPort() + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts sessions until one lands on {@code server}; returns its cookie, {@code name=value}. */
  private String sessionOn(String server) throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = get("/", null);
      if (r.headers().firstValue("X-Server").orElse("").equals(server)) {
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      }
    }
    throw new AssertionError("no session on " + server + " in 20 tries");
  }

  /** Starts a session on s2, then reloads a file without s2: it drains, and leaves once drained. */
  private ReloadReport dropS2WithALiveSession() throws Exception {
    sessionOn("s2");
    write(servers("s1", 1), "", "[ { prefix = \"/\", pool = app } ]");
    return tether.reload();
  }

  private Server server(String id) {
    return tether.pool("app").snapshot().server(id);
  }

  @Test
  void serversAddedChangedAndRemovedAndANewPoolWithItsRoute() throws Exception {
    write(servers("s1", 5, "s3", 1),
        "api { servers = [ " + servers("s4", 1) + " ] }",
        "[ { prefix = \"/api\", pool = api }, { prefix = \"/\", pool = app } ]");

    ReloadReport report = tether.reload();

    assertThat(report.applied()).contains(
        "pool app: server s1: weight 1 -> 5", "pool app: server s2: removed", "pool app: server s3: added at 127.0.0.1:" + port("s3"),
        "pool api: added with 1 servers", "routes: 2 rules in force");
    assertThat(report.kept()).isEmpty();
    assertThat(report.restartNeeded()).isEmpty();
    assertThat(tether.pool("app").snapshot().servers()).extracting(Server::id).containsExactly("s1", "s3");
    assertThat(server("s1").weight()).isEqualTo(5);
    assertThat(get("/api/x", null).headers().firstValue("X-Server")).contains("s4");

    // And back: the pool goes with its route, in one reload.
    write(servers("s1", 5, "s3", 1), "", "[ { prefix = \"/\", pool = app } ]");
    assertThat(tether.reload().applied()).contains("pool api: removed");
    assertThat(tether.pool("api")).isNull();
    assertThat(get("/api/x", null).headers().firstValue("X-Server")).isPresent().get().isNotEqualTo("s4");
  }

  @Test
  void runTimeChangesWinUntilCleared() throws Exception {
    TetherEngine engine = tether.engine();
    engine.setWeight("app", "s1", 9);
    engine.disable("app", "s2");
    write(servers("s1", 3, "s2", 4), "", "[ { prefix = \"/\", pool = app } ]");

    ReloadReport report = tether.reload();

    assertThat(report.kept()).containsExactly(
        "pool app: server s1: weight 3 in the file; the weight 9 set at run time stays until it is cleared");
    assertThat(server("s1").weight()).isEqualTo(9);
    assertThat(server("s2").weight()).isEqualTo(4);
    assertThat(server("s2").state()).as("maintenance set at run time stays").isEqualTo(AdminState.MAINTENANCE);

    engine.clearOverride("app", "s1", Setting.WEIGHT);
    assertThat(server("s1").weight()).as("cleared: the file's latest weight").isEqualTo(3);
  }

  @Test
  void aServerRemovedAtRunTimeStaysRemovedAndOneAddedAtRunTimeKeepsItsDefinition() throws Exception {
    TetherEngine engine = tether.engine();
    engine.disable("app", "s2");
    engine.removeServer("app", "s2", false);
    engine.addServer("app", new tether.admin.engine.NewServer("s3", "127.0.0.1:" + port("s3"), 2, null, null));
    write(servers("s1", 1, "s2", 1, "s3", 7), "", "[ { prefix = \"/\", pool = app } ]");

    ReloadReport report = tether.reload();

    assertThat(report.kept()).hasSize(1).first().asString().startsWith("pool app: server s3: added at run time");
    assertThat(tether.pool("app").snapshot().servers()).extracting(Server::id).containsExactly("s1", "s3");
    assertThat(server("s3").weight()).isEqualTo(2);
  }

  @Test
  void aServerDroppedWithALiveSessionDrainsAndLeavesWhenItsSessionsEnd() throws Exception {
    String cookie = sessionOn("s2");
    write(servers("s1", 1), "", "[ { prefix = \"/\", pool = app } ]");

    ReloadReport report = tether.reload();

    assertThat(report.kept()).singleElement().asString()
        .startsWith("pool app: server s2: gone from the file with 1 live sessions");
    assertThat(server("s2").state()).isEqualTo(AdminState.DRAINING);
    assertThat(get("/", cookie).headers().firstValue("X-Server")).as("its session is still served").contains("s2");
    // The session's idle time is 2 s: once it has passed, the drain ends and the server goes.
    await().atMost(Duration.ofSeconds(15)).until(() -> server("s2") == null);
    assertThat(Files.readString(stateFile)).doesNotContain("s2");
  }

  @Test
  void aServerLeavingAfterAReloadKeepsItsDrainWhateverTheOperatorAsks() throws Exception {
    dropS2WithALiveSession();

    for (Runnable change : List.<Runnable>of(
        () -> tether.engine().disable("app", "s2"),
        () -> tether.engine().enable("app", "s2"),
        () -> tether.engine().clearOverride("app", "s2", Setting.STATE))) {
      assertThatThrownBy(change::run)
          .isInstanceOfSatisfying(AdminException.class, e -> {
            assertThat(e.kind()).isEqualTo(AdminException.Kind.CONFLICT);
            assertThat(e.getMessage()).startsWith("server s2: leaving the pool once drained");
          });
    }
    assertThat(server("s2").state()).isEqualTo(AdminState.DRAINING);
    await().atMost(Duration.ofSeconds(15)).until(() -> server("s2") == null);
  }

  @Test
  void aServerBackInTheFileWhileItIsLeavingStaysAsTheFileNowDefinesIt() throws Exception {
    dropS2WithALiveSession();
    assertThat(server("s2").state()).isEqualTo(AdminState.DRAINING);

    // Back, at another address (the back end named s4).
    String back = "{ id = s2, address = \"127.0.0.1:" + port("s4") + "\", weight = 1 }\n";
    write(servers("s1", 1) + back, "", "[ { prefix = \"/\", pool = app } ]");
    ReloadReport report = tether.reload();

    assertThat(report.applied()).contains("pool app: server s2: back in the file while it was leaving: its drain "
        + "is called off, and it runs at 127.0.0.1:" + port("s4"));
    assertThat(server("s2").state()).isEqualTo(AdminState.ACTIVE);
    assertThat(server("s2").address().toString()).isEqualTo("127.0.0.1:" + port("s4"));
    assertThat(tether.engine().server("app", "s2").drain()).isNull();
    assertThat(Files.readString(stateFile)).doesNotContain("draining");
  }

  @Test
  void aServerBackInTheFileAfterItsDrainEndedStartsWithNoDrain() throws Exception {
    dropS2WithALiveSession();
    await().atMost(Duration.ofSeconds(15)).until(() -> server("s2") == null);

    write(servers("s1", 1, "s2", 1), "", "[ { prefix = \"/\", pool = app } ]");
    tether.reload();
    sessionOn("s2");

    assertThat(tether.engine().server("app", "s2").drain()).as("the old server's drain").isNull();
    assertThatThrownBy(() -> tether.engine().removeServer("app", "s2", false))
        .as("an active server with a live session is not removed without force")
        .isInstanceOfSatisfying(AdminException.class,
            e -> assertThat(e.kind()).isEqualTo(AdminException.Kind.CONFLICT));
    assertThat(server("s2")).isNotNull();
  }

  @Test
  void aReloadThatCannotSaveItsStateLeavesNoNewPoolRunning() throws Exception {
    // A directory where the state file should be: no save can replace it, whoever runs the test.
    Files.deleteIfExists(stateFile);
    Files.createDirectory(stateFile);
    write(servers("s1", 1),
        "api { servers = [ " + servers("s4", 1) + " ] }",
        "[ { prefix = \"/api\", pool = api }, { prefix = \"/\", pool = app } ]");

    assertThatThrownBy(tether::reload)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be saved");

    assertThat(tether.pool("api")).isNull();
    assertThat(tether.metrics().getNames()).as("the metrics of a pool started for the reload")
        .noneMatch(name -> name.startsWith("tether.pool.api."));
  }

  @Test
  void routesSetAtRunTimeButNotSavedStayInForceThroughAReload() throws Exception {
    Files.deleteIfExists(stateFile);
    Files.createDirectory(stateFile);
    TetherEngine engine = tether.engine();

    assertThatThrownBy(() -> engine.replaceRoutes("{\"rules\": [ {\"prefix\": \"/only\", \"pool\": \"app\"} ]}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be saved");
    assertThat(get("/", null).statusCode()).as("the unsaved table is in force").isEqualTo(404);

    ReloadReport report = tether.reload();

    assertThat(report.applied()).isEmpty();
    assertThat(engine.routes()).containsEntry("source", "runtime");
    assertThat(get("/", null).statusCode()).isEqualTo(404);
    assertThat(get("/only", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aServerAddedDrainingButNotSavedHasItsDrainRunning() throws Exception {
    Files.deleteIfExists(stateFile);
    Files.createDirectory(stateFile);
    TetherEngine engine = tether.engine();

    assertThatThrownBy(() -> engine.addServer("app", new NewServer("s3", "127.0.0.1:" + port("s3"), 1, null,
        DRAINING)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be saved");

    assertThat(server("s3").state()).isEqualTo(AdminState.DRAINING);
    assertThat(engine.server("app", "s3").drain()).as("the drain that will take it out of draining").isNotNull();
  }

  @Test
  void aServerInMaintenanceDroppedFromTheFileGoesAtOnce() throws Exception {
    sessionOn("s2");
    tether.engine().disable("app", "s2");
    write(servers("s1", 1), "", "[ { prefix = \"/\", pool = app } ]");

    ReloadReport report = tether.reload();

    assertThat(report.applied()).containsExactly("pool app: server s2: removed");
    assertThat(server("s2")).isNull();
  }

  @Test
  void aBrokenFileChangesNothing() throws Exception {
    Files.writeString(file, "tether {\n pools { app { servers = [ { id = s1 } ] } }\n routes = [ { prefix = \"/\", pool = nope } ]\n}\n");

    assertThatThrownBy(() -> tether.reload())
        .isInstanceOfSatisfying(AdminException.class, e -> {
          assertThat(e.kind()).isEqualTo(AdminException.Kind.BAD_REQUEST);
          assertThat(e.field()).isEqualTo("config");
          assertThat(e.messages()).anySatisfy(m -> assertThat(m).contains("address"))
              .anySatisfy(m -> assertThat(m).contains("nope"));
        });
    assertThat(tether.pool("app").snapshot().servers()).extracting(Server::id).containsExactly("s1", "s2");
  }

  @Test
  void aReloadIsRefusedWhenItsRoutesWouldShareACookieWithTheAffinityThatRunsUntilARestart() throws Exception {
    // The file renames app's cookie, which takes a restart; until then app still sets TETHER, as api would.
    write(servers("s1", 1, "s2", 1), "api { servers = [ " + servers("s3", 1) + " ], affinity.strategies = [cookie] }",
        "[ { prefix = \"/\", pool = app }, { prefix = \"/api\", pool = api } ]");
    Files.writeString(file, Files.readString(file).replace("cookie { max-idle", "cookie { name = APP, max-idle"));

    assertThatThrownBy(() -> tether.reload())
        .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.messages())
            .anySatisfy(m -> assertThat(m).contains("pool: api (expected: a pool whose affinity cookie")));
    assertThat(tether.pool("api")).isNull();
    assertThat(get("/api/x", null).headers().firstValue("X-Server").orElseThrow()).isIn("s1", "s2");
  }

  @Test
  void settingsThatOnlyARestartAppliesAreNamed() throws Exception {
    Files.writeString(file, Files.readString(file)
        .replace("admin {", "frontend { max-body-size = 1m }\n admin {")
        .replace("strategies = [cookie]", "strategies = [cookie, route-suffix]"));

    ReloadReport report = tether.reload();

    assertThat(report.restartNeeded()).containsExactly("tether.frontend", "tether.pools.app.affinity");
    assertThat(report.applied()).isEmpty();
  }

  @Test
  void routesSetAtRunTimeOutliveReloadsAndRestartsUntilCleared() throws Exception {
    TetherEngine engine = tether.engine();
    engine.replaceRoutes("{\"rules\": [ {\"prefix\": \"/only\", \"pool\": \"app\"} ]}");
    assertThat(get("/", null).statusCode()).isEqualTo(404);
    write(servers("s1", 1, "s2", 1), "", "[ { prefix = \"/\", pool = app, name = from-file } ]");

    assertThat(tether.reload().applied()).anySatisfy(line -> assertThat(line).contains("stay in force until cleared"));
    assertThat(get("/", null).statusCode()).isEqualTo(404);
    assertThat(engine.routes()).containsEntry("source", "runtime");

    tether.close();
    tether = Tether.start(ConfigLoader.load(file), file);
    assertThat(get("/", null).statusCode()).as("after a restart").isEqualTo(404);
    assertThat(get("/only", null).statusCode()).isEqualTo(200);

    // A pool the run-time routes use cannot go while they are in force.
    write(servers("s1", 1), "", "[ ]");
    Files.writeString(file, Files.readString(file).replace("app {", "web {"));
    assertThatThrownBy(() -> tether.reload()).isInstanceOfSatisfying(AdminException.class,
        e -> assertThat(e.messages()).anySatisfy(m -> assertThat(m).contains("routes set at run time")));
    assertThat(tether.pool("app")).isNotNull();

    write(servers("s1", 1, "s2", 1), "", "[ { prefix = \"/\", pool = app, name = from-file } ]");
    Map<String, Object> cleared = tether.engine().clearRoutes();
    assertThat(cleared).containsEntry("source", "config");
    assertThat(get("/", null).statusCode()).isEqualTo(200);
    assertThat(Files.readString(stateFile)).doesNotContain("/only");
  }
}
