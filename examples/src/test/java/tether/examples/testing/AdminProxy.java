package tether.examples.testing;

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
import tether.proxy.Tether;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.HostPort;
import tether.proxy.config.TetherConfig;
import tether.proxy.state.RuntimeState;
import tether.proxy.state.StateFile;
import tether.proxy.state.StateFileException;

/**
 * A Tether with its admin plane, started from a HOCON text read from a file with {@link ConfigLoader} as
 * {@code Main} reads one. The loader holds files to ports 1..65535, so the proxy listener and the admin
 * listener are then both moved to free loopback ports.
 */
public final class AdminProxy implements AutoCloseable {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final Tether tether;
  private final String stateFile;

  private AdminProxy(Tether tether, String stateFile) {
    this.tether = tether;
    this.stateFile = stateFile;
  }

  /** Writes {@code hocon} to {@code tether.conf} in {@code dir} and starts a Tether from it. */
  public static AdminProxy start(Path dir, String hocon) {
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
      return new AdminProxy(Tether.start(onFreePorts), admin.stateFile());
    } catch (Exception e) {
      throw new IllegalStateException("Tether did not start from " + file + ":\n" + hocon, e);
    }
  }

  /**
   * A configuration with what every such proxy needs, {@code body} aside: the listeners (on any ports,
   * since {@link #start} moves them), a random cookie key and one operator token. {@code body} goes
   * inside {@code tether { }}; it may add to {@code admin}, as HOCON merges objects of the same name.
   */
  public static String hocon(String operator, String secret, String body) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return """
        tether {
          listen = ["127.0.0.1:8080"]
          keys { primary = k1, secrets { k1 = "%s" } }
          admin {
            listen = "127.0.0.1:9090"
            tokens = [ { name = %s, role = operator, secret = "%s" } ]
          }
        %s
        }
        """.formatted(Base64.getEncoder().encodeToString(key), operator, secret, body.indent(2).stripTrailing());
  }

  public Tether tether() {
    return tether;
  }

  /** Where clients reach the proxy. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + tether.addresses().get(0).getPort() + "/");
  }

  /** The base URL of the admin API and console. */
  public String adminUrl() {
    return "http://127.0.0.1:" + tether.adminPort();
  }

  /** What the configured state file holds now, read as a restart would read it. */
  public RuntimeState savedState() throws StateFileException {
    if (stateFile == null) {
      throw new IllegalStateException("no admin.state-file in the configuration");
    }
    return new StateFile(Path.of(stateFile)).load();
  }

  @Override
  public void close() {
    tether.shutdown(SHUTDOWN_GRACE);
  }
}
