package tether.proxy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.AdminServer;
import tether.admin.AdminSettings;
import tether.proxy.admin.ReloadSource;
import tether.proxy.admin.RuntimeJournal;
import tether.proxy.admin.TetherEngine;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.TetherConfig;
import tether.proxy.state.StateFileException;
import tether.routing.RouteTableHolder;

/**
 * The admin plane of a running proxy: the engine over its pools, the runtime state put back at start,
 * and the admin listener when tokens are configured.
 */
final class AdminPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdminPlane.class);

  private final TetherEngine engine;
  private final AdminServer server;

  private AdminPlane(TetherEngine engine, AdminServer server) {
    this.engine = engine;
    this.server = server;
  }

  /**
   * Puts the runtime state back over the pools; call before the proxy takes traffic.
   *
   * @param source where reloads read the configuration, or {@code null} when it came from no file
   * @throws StateFileException when the state file exists but cannot be read
   */
  static AdminPlane prepare(
      TetherConfig config, PoolRuntimes pools, RouteTableHolder routes, ReloadSource source, Scheduler scheduler)
      throws StateFileException {
    AdminConfig admin = config.admin();
    RuntimeJournal journal =
        admin.stateFile() == null ? RuntimeJournal.inMemory() : RuntimeJournal.open(Path.of(admin.stateFile()));
    TetherEngine engine = new TetherEngine(pools, routes, config, source, scheduler, Clock.systemUTC(), journal);
    engine.restore();
    return new AdminPlane(engine, null);
  }

  /** Starts the admin listener, when tokens are configured. */
  AdminPlane listen(AdminConfig config) {
    if (!config.enabled()) {
      log.info("Admin plane off: no tether.admin.tokens configured");
      return this;
    }
    List<AdminSettings.Token> tokens = config.tokens().stream()
        .map(t -> new AdminSettings.Token(t.name(), AdminSettings.Role.parse(t.role()), t.secret()))
        .toList();
    AdminSettings settings = new AdminSettings(
        config.listen().host(), config.listen().port(), tokens, config.sessionTtl(), config.secureCookie());
    AdminServer admin = new AdminServer(settings, engine, Clock.systemUTC());
    admin.start();
    log.info("Admin API and console on http://{}:{}/", config.listen().host(), admin.port());
    return new AdminPlane(engine, admin);
  }

  TetherEngine engine() {
    return engine;
  }

  /** The admin listener's port, or -1 when it is off. */
  int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    engine.close();
  }
}
