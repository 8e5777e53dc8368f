package tether.examples.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tether.proxy.Tether;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.HostPort;
import tether.proxy.config.TetherConfig;

/**
 * A Tether started from a HOCON text, read from a file with {@link ConfigLoader} as {@code Main} reads
 * one, with its proxy listener and its admin listener both moved to free loopback ports (the loader
 * holds files to ports 1..65535).
 */
final class ProxyWithAdmin implements AutoCloseable {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final Tether tether;

  private ProxyWithAdmin(Tether tether) {
    this.tether = tether;
  }

  static ProxyWithAdmin start(Path dir, String hocon) {
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
      return new ProxyWithAdmin(Tether.start(onFreePorts));
    } catch (Exception e) {
      throw new IllegalStateException("Tether did not start from " + file + ":\n" + hocon, e);
    }
  }

  Tether tether() {
    return tether;
  }

  /** Where clients reach the proxy. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + tether.addresses().get(0).getPort() + "/");
  }

  /** The admin API's base URL. */
  String adminUrl() {
    return "http://127.0.0.1:" + tether.adminPort();
  }

  @Override
  public void close() {
    tether.shutdown(SHUTDOWN_GRACE);
  }
}
