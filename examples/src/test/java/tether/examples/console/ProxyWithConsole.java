package tether.examples.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import tether.examples.demo.DemoApp;
import tether.proxy.Tether;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.HostPort;
import tether.proxy.config.TetherConfig;
import tether.proxy.state.RuntimeState;
import tether.proxy.state.StateFile;
import tether.proxy.state.StateFileException;

/**
 * A real Tether in front of demo app instances, with its admin plane (API and console) on: one pool
 * {@value #POOL} with cookie affinity and health checks of {@code /health}, one operator token, and
 * runtime changes kept in a state file. The configuration is a HOCON file read by {@link ConfigLoader}
 * as {@code Main} reads one; the loader holds files to ports 1..65535, so both listeners are then moved
 * to free loopback ports.
 */
final class ProxyWithConsole implements AutoCloseable {

  static final String POOL = "app";
  static final String TOKEN_NAME = "console-test";
  /**
   * How long a session of the pool stays live after its last request. Short, so that a drain is over
   * seconds after its last user leaves; yet far above the pause between two page views of a user who
   * stays.
   */
  static final Duration MAX_IDLE = Duration.ofSeconds(2);

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final Tether tether;
  private final Path stateFile;

  private ProxyWithConsole(Tether tether, Path stateFile) {
    this.tether = tether;
    this.stateFile = stateFile;
  }

  /** Starts a proxy over {@code apps} (server ids are the apps' names), configured in {@code dir}. */
  static ProxyWithConsole start(Path dir, String token, List<DemoApp> apps) {
    Path stateFile = dir.resolve("tether-state.json");
    String hocon = hocon(token, apps, stateFile);
    Path file = dir.resolve("tether.conf");
    try {
      Files.writeString(file, hocon, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TetherConfig c = ConfigLoader.load(file);
    HostPort anyPort = new HostPort("127.0.0.1", 0);
    AdminConfig admin = new AdminConfig(anyPort, c.admin().tokens(), c.admin().sessionTtl(),
        c.admin().secureCookie(), c.admin().stateFile());
    TetherConfig onFreePorts = new TetherConfig(List.of(anyPort), c.frontend(), c.backend(), c.forwarded(),
        c.shutdownGrace(), c.pools(), c.routes(), c.keys(), admin);
    try {
      return new ProxyWithConsole(Tether.start(onFreePorts), stateFile);
    } catch (Exception e) {
      throw new IllegalStateException("Tether did not start from " + file + ":\n" + hocon, e);
    }
  }

  Tether tether() {
    return tether;
  }

  /** Where users reach the demo app through the proxy. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + tether.addresses().get(0).getPort() + "/");
  }

  /** The console's address. */
  String consoleUrl() {
    return "http://127.0.0.1:" + tether.adminPort();
  }

  /** What the state file holds now, read as a restart would read it. */
  RuntimeState savedState() throws StateFileException {
    return new StateFile(stateFile).load();
  }

  @Override
  public void close() {
    tether.shutdown(SHUTDOWN_GRACE);
  }

  private static String hocon(String token, List<DemoApp> apps, Path stateFile) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    StringBuilder servers = new StringBuilder("[\n");
    for (DemoApp app : apps) {
      servers.append("        { id = ").append(app.name()).append(", address = \"127.0.0.1:").append(app.port())
          .append("\" }\n");
    }
    servers.append("      ]");
    return """
        tether {
          # Any ports: both listeners are moved to free ones.
          listen = ["127.0.0.1:8080"]
          keys { primary = k1, secrets { k1 = "%s" } }
          admin {
            listen = "127.0.0.1:9090"
            tokens = [ { name = %s, role = operator, secret = "%s" } ]
            state-file = "%s"
          }
          pools.%s {
            servers = %s
            affinity {
              strategies = [cookie]
              cookie { max-idle = %ds, refresh-interval = 1s }
            }
            health-check { path = "/health", start = up }
          }
          routes = [ { prefix = "/", pool = %s } ]
        }
        """.formatted(Base64.getEncoder().encodeToString(key), TOKEN_NAME, token, stateFile, POOL, servers,
        MAX_IDLE.toSeconds(), POOL);
  }
}
