package tether.examples.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tether.examples.demo.DemoApp;
import tether.examples.testing.AdminProxy;

/**
 * A real Tether in front of demo app instances, with its admin plane (API and console) on: one pool
 * {@value #POOL} with cookie affinity and health checks of {@code /health}, one operator token, and
 * runtime changes kept in a state file.
 */
final class ProxyWithConsole {

  static final String POOL = "app";
  static final String TOKEN_NAME = "console-test";
  /**
   * How long a session of the pool stays live after its last request. Short, so that a drain is over
   * seconds after its last user leaves; yet far above the pause between two page views of a user who
   * stays.
   */
  static final Duration MAX_IDLE = Duration.ofSeconds(2);

  private ProxyWithConsole() {}

  /** Starts a proxy over {@code apps} (server ids are the apps' names), configured in {@code dir}. */
  static AdminProxy start(Path dir, String token, List<DemoApp> apps) {
    StringBuilder servers = new StringBuilder("[\n");
    for (DemoApp app : apps) {
      servers.append("    { id = ").append(app.name()).append(", address = \"127.0.0.1:").append(app.port())
          .append("\" }\n");
    }
    servers.append("  ]");
    String body = """
        admin.state-file = "%s"
        pools.%s {
          servers = %s
          affinity {
            strategies = [cookie]
            cookie { max-idle = %ds, refresh-interval = 1s }
          }
          health-check { path = "/health", start = up }
        }
        routes = [ { prefix = "/", pool = %s } ]
        """.formatted(dir.resolve("tether-state.json"), POOL, servers, MAX_IDLE.toSeconds(), POOL);
    return AdminProxy.start(dir, AdminProxy.hocon(TOKEN_NAME, token, body));
  }
}
