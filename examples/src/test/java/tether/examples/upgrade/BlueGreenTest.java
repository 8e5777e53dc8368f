package tether.examples.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.DrainView;
import tether.examples.testing.AdminProxy;
import tether.examples.upgrade.SimulatedUsers.Counts;

/**
 * A new version rolled out beside the old one, blue to green, by moving the weights of a split through the
 * admin API while users keep using the site, and none of them notices: sessions that blue holds stay on
 * blue whatever the weights say, new ones go to green, and blue's servers are drained once green takes
 * every new session. Four demo instances (sessions in memory): blue has two, green the other two; both
 * pools set the same cookie, which names the pool that issued it.
 */
@Timeout(240)
class BlueGreenTest {

  private static final Logger log = LoggerFactory.getLogger(BlueGreenTest.class);

  private static final String TOKEN = "blue-green-test-operator-token";
  private static final int USERS = 8;
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void movesEveryNewSessionToTheNewPoolAndDrainsTheOldOneWithoutALostSession() throws Exception {
    try (DemoInstances instances = DemoInstances.start(4);
        AdminProxy proxy = AdminProxy.start(dir, hocon(instances));
        SimulatedUsers users = SimulatedUsers.start(proxy.uri(), USERS)) {
      settled(users).until(() -> users.counts().keptByInstance().keySet().containsAll(List.of("app1", "app2")));
      Counts before = users.counts();
      assertThat(before.keptByInstance()).as("all on blue while green's share is 0").containsOnlyKeys("app1", "app2");

      HttpResponse<String> half = admin(proxy, "PUT", "/api/routes", split(50, 50));
      assertThat(half.statusCode()).as("PUT /api/routes: %s", half.body()).isEqualTo(200);
      settled(users).until(() -> users.counts().keptByInstance().keySet().containsAll(List.of("app3", "app4")));

      HttpResponse<String> all = admin(proxy, "PUT", "/api/routes", split(0, 100));
      assertThat(all.statusCode()).as("PUT /api/routes: %s", all.body()).isEqualTo(200);
      for (String id : List.of("app1", "app2")) {
        HttpResponse<String> drain = admin(proxy, "POST", "/api/pools/blue/servers/" + id + "/drain", "{}");
        assertThat(drain.statusCode()).as("drain %s: %s", id, drain.body()).isEqualTo(200);
      }
      for (String id : List.of("app1", "app2")) {
        DrainView drained = proxy.tether().engine().whenDrained("blue", id).get(SETTLE.toSeconds(), TimeUnit.SECONDS);
        log.info("blue {} drained: {}", id, drained);
      }
      Counts drainedAt = users.counts();
      // Every session started from here on is green's.
      settled(users).until(() -> users.counts().sessions() >= drainedAt.sessions() + 2L * USERS);
      users.stop();
      Counts after = users.counts();
      log.info("Users: {} sessions and {} requests; failed requests: {}; sessions that lost their state: {};"
              + " kept, by instance: before {}, when blue was drained {}, at the end {}",
          after.sessions(), after.requests(), after.failedRequests(), after.lostSessions(),
          before.keptByInstance(), drainedAt.keptByInstance(), after.keptByInstance());

      assertThat(after.failedRequests()).as("failed requests; first problems: %s", users.problems()).isZero();
      assertThat(after.lostSessions()).as("sessions that lost their state; first problems: %s", users.problems())
          .isZero();
      for (String id : List.of("app1", "app2")) {
        assertThat(after.keptByInstance().get(id)).as("sessions blue's %s kept after it was drained", id)
            .isEqualTo(drainedAt.keptByInstance().get(id));
      }
      assertThat(after.keptByInstance().get("app3") + after.keptByInstance().get("app4"))
          .as("sessions green kept").isGreaterThan(drainedAt.keptByInstance().get("app3")
              + drainedAt.keptByInstance().get("app4"));
    }
  }

  /** Waits at most {@link #SETTLE}, and stops at once when a user has lost a session or a request. */
  private static org.awaitility.core.ConditionFactory settled(SimulatedUsers users) {
    return await().atMost(SETTLE)
        .failFast("a user lost a session or a request", () -> {
          Counts now = users.counts();
          return now.lostSessions() + now.failedRequests() > 0;
        });
  }

  private HttpResponse<String> admin(AdminProxy proxy, String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.adminUrl() + path))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String split(int blue, int green) {
    return """
        {"rules": [ {"name": "roll-out", "prefix": "/",
          "split": [ {"pool": "blue", "weight": %d}, {"pool": "green", "weight": %d} ] } ]}
        """.formatted(blue, green);
  }

  private static String hocon(DemoInstances instances) {
    String blue = instances.serversHocon("app1", "app2");
    String green = instances.serversHocon("app3", "app4");
    return AdminProxy.hocon("blue-green-test", TOKEN, """
        pools {
          # Affinity as in the rolling upgrade, on both sides: one cookie, which names its pool.
          blue { servers = %s, affinity { strategies = [cookie], cookie { max-idle = 3s, refresh-interval = 1s } } }
          green { servers = %s, affinity { strategies = [cookie], cookie { max-idle = 3s, refresh-interval = 1s } } }
        }
        routes = [ { name = roll-out, prefix = "/", split = [ { pool = blue, weight = 100 }, { pool = green, weight = 0 } ] } ]
        """.formatted(blue, green));
  }
}
