package tether.proxy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.AdminServer;
import tether.admin.AdminSettings;
import tether.admin.engine.AdminException;
import tether.proxy.admin.RouteControl;
import tether.proxy.admin.RuntimeJournal;
import tether.proxy.admin.TetherEngine;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.AdminConfig;
import tether.proxy.config.InvalidConfigException;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.RouteJson;
import tether.proxy.state.StateFileException;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

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
   * @throws StateFileException when the state file exists but cannot be read
   */
  static AdminPlane prepare(
      AdminConfig config, Map<String, PoolRuntime> pools, Map<String, PoolConfig> poolConfigs,
      Supplier<List<RuleSpec>> routes, Consumer<List<RuleSpec>> replaceRoutes, Scheduler scheduler)
      throws StateFileException {
    RuntimeJournal journal =
        config.stateFile() == null ? RuntimeJournal.inMemory() : RuntimeJournal.open(Path.of(config.stateFile()));
    RouteControl control = new RouteControl() {
      @Override
      public Map<String, Object> json() {
        return RouteJson.write(routes.get());
      }

      @Override
      public Map<String, Object> replace(String json) {
        List<RuleSpec> rules;
        try {
          rules = RouteJson.read(json, poolConfigs);
          replaceRoutes.accept(rules);
        } catch (InvalidConfigException e) {
          throw AdminException.badRequest("rules", e.problems());
        } catch (RouteTableException e) {
          throw AdminException.badRequest("rules", e.errors());
        }
        return RouteJson.write(routes.get());
      }
    };
    TetherEngine engine = new TetherEngine(pools, control, scheduler, Clock.systemUTC(), journal);
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
