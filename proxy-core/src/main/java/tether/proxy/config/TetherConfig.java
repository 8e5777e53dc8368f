package tether.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tether.routing.RuleSpec;

/**
 * The whole configuration of one Tether process.
 *
 * @param listen        addresses the proxy listener binds, in order
 * @param frontend      limits applied to client connections
 * @param backend       how Tether connects to servers
 * @param forwarded     which forwarding headers Tether adds and whom it trusts
 * @param shutdownGrace how long in-flight exchanges may run on after a shutdown begins
 * @param pools         pools by name, in declaration order
 * @param routes        routing rules in declaration order, not yet compiled
 * @param keys          keys that sign affinity cookies
 */
public record TetherConfig(
    List<HostPort> listen,
    FrontendConfig frontend,
    BackendConfig backend,
    ForwardedConfig forwarded,
    Duration shutdownGrace,
    Map<String, PoolConfig> pools,
    List<RuleSpec> routes,
    KeysConfig keys,
    AdminConfig admin) {

  /** A configuration without an admin plane. */
  public TetherConfig(
      List<HostPort> listen,
      FrontendConfig frontend,
      BackendConfig backend,
      ForwardedConfig forwarded,
      Duration shutdownGrace,
      Map<String, PoolConfig> pools,
      List<RuleSpec> routes,
      KeysConfig keys) {
    this(listen, frontend, backend, forwarded, shutdownGrace, pools, routes, keys, AdminConfig.OFF);
  }

  public TetherConfig {
    listen = List.copyOf(listen);
    pools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pools));
    routes = List.copyOf(routes);
    java.util.Objects.requireNonNull(admin, "admin");
  }

  public TetherConfig withAdmin(AdminConfig value) {
    return new TetherConfig(listen, frontend, backend, forwarded, shutdownGrace, pools, routes, keys, value);
  }
}
