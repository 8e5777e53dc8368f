package tether.examples.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.AdminState;
import tether.admin.engine.ServerView;
import tether.examples.testing.AdminProxy;
import tether.examples.upgrade.SimulatedUsers.Counts;

/**
 * {@code examples/rolling-upgrade.sh} upgrades every server of a pool while users keep using the site,
 * and none of them notices. Three demo instances (sessions in memory) sit behind a real Tether with
 * cookie affinity and health checks; the script drives Tether's admin API and restarts each instance
 * through hooks that call a small control server; twelve simulated users sign in, read their visit
 * counter, sign out and start over the whole time. A short {@code max-idle} lets a finished session stop
 * counting within seconds, so each drain is over soon after its last user signs out.
 */
@Timeout(300)
class RollingUpgradeTest {

  private static final Logger log = LoggerFactory.getLogger(RollingUpgradeTest.class);

  private static final String POOL = "app";
  private static final int INSTANCES = 3;
  private static final int USERS = 12;
  private static final String TOKEN = "rolling-upgrade-test-operator-token";
  private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void upgradesEveryServerWithoutAFailedRequestOrALostSession() {
    Path script = script();
    try (DemoInstances instances = DemoInstances.start(INSTANCES);
        ControlServer control = ControlServer.start(instances);
        AdminProxy proxy = AdminProxy.start(dir, hocon(instances));
        SimulatedUsers users = SimulatedUsers.start(proxy.uri(), USERS)) {
      List<String> ids = instances.ids();
      // Every instance holds sessions before the first drain, so that each drain has some to wait for.
      await().atMost(SETTLE).until(() -> users.counts().keptByInstance().keySet().containsAll(ids));
      Counts before = users.counts();

      ScriptRun run = ScriptRun.run(script, List.of(
              "--admin", proxy.adminUrl(),
              "--pool", POOL,
              "--stop-cmd", control.hook("stop"),
              "--start-cmd", control.hook("start"),
              "--ready-url", "http://{address}/health",
              "--drain-deadline", "1m",
              "--ramp", "2s",
              "--timeout", "30s"),
          Map.of("TETHER_ADMIN_TOKEN", TOKEN), dir, SCRIPT_LIMIT);
      Counts during = users.counts();
      log.info("rolling-upgrade.sh exited {} after {} ms:\n{}", run.exitCode(), run.took().toMillis(), run.output());

      assertThat(run.exitCode()).as("exit status of rolling-upgrade.sh; its output:\n%s", run.output()).isZero();
      assertThat(run.output()).as("the script's output").doesNotContain(TOKEN);
      for (String id : ids) {
        assertThat(run.output()).as("output for %s", id)
            .contains(id + ": draining: ", id + ": drained", "== " + id + " upgraded");
        assertThat(control.stops(id)).as("stops of %s", id).isEqualTo(1);
        assertThat(control.starts(id)).as("starts of %s", id).isEqualTo(1);
        assertThat(instances.version(id)).as("version of %s", id).isEqualTo(2);
      }
      // Each server is back in service at its former weight once its ramp is over, and its new version
      // takes new sessions.
      await().atMost(SETTLE).untilAsserted(() -> {
        for (String id : ids) {
          ServerView server = proxy.tether().engine().server(POOL, id);
          assertThat(server.state()).as("state of %s", id).isEqualTo(AdminState.ACTIVE);
          assertThat(server.ramp()).as("ramp of %s", id).isNull();
          assertThat(server.configuredWeight()).as("weight of %s", id).isEqualTo(1);
        }
      });
      List<String> newVersions = ids.stream().map(id -> DemoInstances.name(id, 2)).toList();
      await().atMost(SETTLE).until(() -> users.counts().keptByInstance().keySet().containsAll(newVersions));

      users.stop();
      Counts after = users.counts();
      log.info("Users: {} sessions and {} requests in all; during the upgrade ({} ms): {} sessions and {} "
              + "requests; failed requests: {}; sessions that lost their state: {}; sessions kept, by instance: {}",
          after.sessions(), after.requests(), run.took().toMillis(), during.sessions() - before.sessions(),
          during.requests() - before.requests(), after.failedRequests(), after.lostSessions(),
          after.keptByInstance());

      assertThat(after.failedRequests()).as("failed requests; first problems: %s", users.problems()).isZero();
      assertThat(after.lostSessions()).as("sessions that lost their state; first problems: %s", users.problems())
          .isZero();
      assertThat(during.sessions() - before.sessions()).as("sessions during the upgrade")
          .isGreaterThanOrEqualTo(USERS);
    }
  }

  /**
   * The first failure stops the script with a non-zero exit and the reason: an error of the API (its
   * status and message), a token it refuses, an operator's hook that fails. The server being upgraded
   * is left where the failure found it, and the others are not touched. Run again, the script takes the
   * server from there: drained already, it is restarted and ramped back in.
   */
  @Test
  void stopsAtTheFirstFailureAndLeavesTheServerAsItIs() {
    Path script = script();
    try (DemoInstances instances = DemoInstances.start(INSTANCES);
        ControlServer control = ControlServer.start(instances);
        AdminProxy proxy = AdminProxy.start(dir, hocon(instances))) {
      List<String> hooks = List.of("--stop-cmd", control.hook("stop"), "--start-cmd", control.hook("start"));

      ScriptRun noSuchPool = run(script, proxy, TOKEN, hooks, "--pool", "shop");
      assertThat(noSuchPool.exitCode()).as("exit status; output:\n%s", noSuchPool.output()).isEqualTo(1);
      assertThat(noSuchPool.output()).contains("reading pool shop: HTTP 404: pool: shop (expected: one of [app])");

      String wrongToken = "not-the-operator-token-at-all";
      ScriptRun refused = run(script, proxy, wrongToken, hooks, "--pool", POOL);
      assertThat(refused.exitCode()).as("exit status; output:\n%s", refused.output()).isEqualTo(1);
      assertThat(refused.output()).contains("checking the token: HTTP 401").doesNotContain(wrongToken);

      ScriptRun failedHook = run(script, proxy, TOKEN,
          List.of("--stop-cmd", "echo stopping {id} at {address}; exit 3", "--start-cmd", control.hook("start")),
          "--pool", POOL, "--servers", "app2");
      assertThat(failedHook.exitCode()).as("exit status; output:\n%s", failedHook.output()).isEqualTo(1);
      String address = proxy.tether().engine().server(POOL, "app2").address();
      assertThat(failedHook.output()).contains(
          "stopping app2 at " + address,
          "app2: stop command failed with exit status 3",
          "app2 is left as it is");
      assertThat(failedHook.output()).as("the upgrade stops at the failure").doesNotContain("start:", "app1", "app3");

      // app2 was drained before its hook failed: it stays out of service; nothing else changed.
      assertThat(proxy.tether().engine().server(POOL, "app2").state()).isEqualTo(AdminState.MAINTENANCE);
      for (String id : List.of("app1", "app3")) {
        assertThat(proxy.tether().engine().server(POOL, id).state()).as("state of %s", id).isEqualTo(AdminState.ACTIVE);
      }
      for (String id : instances.ids()) {
        assertThat(control.stops(id) + control.starts(id)).as("stops and starts of %s", id).isZero();
        assertThat(instances.version(id)).as("version of %s", id).isEqualTo(1);
      }

      ScriptRun rerun = run(script, proxy, TOKEN, hooks, "--pool", POOL, "--servers", "app2", "--wait-ramp");
      assertThat(rerun.exitCode()).as("exit status; output:\n%s", rerun.output()).isZero();
      assertThat(rerun.output()).contains("app2: in maintenance already", "app2: ramp done, weight 1");
      ServerView app2 = proxy.tether().engine().server(POOL, "app2");
      assertThat(app2.state()).isEqualTo(AdminState.ACTIVE);
      assertThat(app2.ramp()).isNull();
      assertThat(app2.configuredWeight()).isEqualTo(1);
      assertThat(instances.version("app2")).isEqualTo(2);
      assertThat(instances.version("app1")).isEqualTo(1);
      assertThat(instances.version("app3")).isEqualTo(1);
    }
  }

  private static Path script() {
    Path script = Path.of("rolling-upgrade.sh").toAbsolutePath();
    assertThat(script).as("the script, run from the examples module").isRegularFile();
    return script;
  }

  private ScriptRun run(Path script, AdminProxy proxy, String token, List<String> hooks, String... more) {
    List<String> args = new ArrayList<>(List.of("--admin", proxy.adminUrl(), "--ramp", "1s", "--timeout", "10s"));
    args.addAll(hooks);
    args.addAll(List.of(more));
    ScriptRun run = ScriptRun.run(script, args, Map.of("TETHER_ADMIN_TOKEN", token), dir, SCRIPT_LIMIT);
    log.info("rolling-upgrade.sh exited {} after {} ms:\n{}", run.exitCode(), run.took().toMillis(), run.output());
    return run;
  }

  private static String hocon(DemoInstances instances) {
    return AdminProxy.hocon("upgrade-test", TOKEN, """
        pools.app {
          servers = %s
          affinity {
            strategies = [cookie]
            # A session stops counting three seconds after its last request: short, for quick drains,
            # yet well above any pause of a user thread on a busy machine.
            cookie { max-idle = 3s, refresh-interval = 1s }
          }
          health-check { path = "/health", fast-interval = 250ms, start = up }
        }
        routes = [ { prefix = "/", pool = app } ]
        """.formatted(instances.serversHocon()));
  }
}
