package tether.proxy.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.BackendConfig;
import tether.proxy.config.BalancerKind;
import tether.proxy.config.CidrRange;
import tether.proxy.config.ForwardedConfig;
import tether.proxy.config.FrontendConfig;
import tether.proxy.config.HostPort;
import tether.proxy.config.KeysConfig;
import tether.proxy.config.PoolConfig;
import tether.routing.RuleSpec;
import tether.proxy.config.ServerConfig;
import tether.proxy.config.TetherConfig;

/** Builds a {@link TetherConfig} in code, with the defaults of reference.conf and port 0 to listen on. */
public final class TestConfig {

  private final Map<String, PoolConfig> pools = new LinkedHashMap<>();
  private final List<RuleSpec> routes = new ArrayList<>();
  private FrontendConfig frontend =
      new FrontendConfig(Duration.ofSeconds(10), 32 * 1024, 100L << 20, Duration.ofSeconds(60), 1);
  private BackendConfig backend =
      new BackendConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60), 256, 1024);
  private ForwardedConfig forwarded = new ForwardedConfig(List.of(), true, "tether", ForwardedConfig.allHeaders());
  private KeysConfig keys = KeysConfig.NONE;

  public static TestConfig create() {
    return new TestConfig();
  }

  /** A pool whose servers are named s1, s2, ... with the given ports and weight 1. */
  public TestConfig pool(String name, int... ports) {
    List<ServerConfig> servers = new ArrayList<>();
    for (int i = 0; i < ports.length; i++) {
      servers.add(new ServerConfig("s" + (i + 1), new HostPort("127.0.0.1", ports[i]), 1));
    }
    return pool(name, servers);
  }

  public TestConfig pool(String name, List<ServerConfig> servers) {
    pools.put(name, new PoolConfig(name, BalancerKind.WEIGHTED_ROUND_ROBIN, servers));
    return this;
  }

  /** Gives an existing pool this affinity. */
  public TestConfig affinity(String pool, AffinityConfig affinity) {
    PoolConfig p = pools.get(pool);
    pools.put(pool, p.withAffinity(affinity));
    return this;
  }

  /** Changes an existing pool: its health checks, retries, queue, balancer... */
  public TestConfig tune(String pool, java.util.function.UnaryOperator<PoolConfig> change) {
    pools.put(pool, change.apply(pools.get(pool)));
    return this;
  }

  /** Signing keys: id to base64 secret; the first id is the primary. */
  public TestConfig keys(String primary, java.util.Map<String, String> secrets) {
    keys = new KeysConfig(primary, secrets);
    return this;
  }

  public TestConfig route(String host, String prefix, String pool) {
    routes.add(RuleSpec.builder().host(host).prefix(prefix).forward(pool).build());
    return this;
  }

  /** Any routing rule, as the routing-rules module builds it. */
  public TestConfig rule(RuleSpec rule) {
    routes.add(rule);
    return this;
  }

  public TestConfig route(String prefix, String pool) {
    return route(null, prefix, pool);
  }

  public TestConfig frontend(FrontendConfig frontend) {
    this.frontend = frontend;
    return this;
  }

  public TestConfig maxBodyBytes(long max) {
    frontend =
        new FrontendConfig(
            frontend.headerTimeout(), frontend.maxHeaderBytes(), max, frontend.idleTimeout(), frontend.ioThreads());
    return this;
  }

  public TestConfig headerTimeout(Duration timeout) {
    frontend =
        new FrontendConfig(
            timeout, frontend.maxHeaderBytes(), frontend.maxBodyBytes(), frontend.idleTimeout(), frontend.ioThreads());
    return this;
  }

  public TestConfig responseTimeout(Duration timeout) {
    backend =
        new BackendConfig(
            backend.connectTimeout(),
            timeout,
            backend.idleTimeout(),
            backend.maxConnectionsPerServer(),
            backend.maxQueuedPerServer());
    return this;
  }

  public TestConfig connectTimeout(Duration timeout) {
    backend =
        new BackendConfig(
            timeout,
            backend.responseTimeout(),
            backend.idleTimeout(),
            backend.maxConnectionsPerServer(),
            backend.maxQueuedPerServer());
    return this;
  }

  public TestConfig trustedProxies(String... ranges) {
    List<CidrRange> parsed = new ArrayList<>();
    for (String r : ranges) {
      parsed.add(CidrRange.parse(r));
    }
    forwarded = new ForwardedConfig(parsed, forwarded.preserveHost(), forwarded.via(), forwarded.headers());
    return this;
  }

  public TestConfig preserveHost(boolean preserve) {
    forwarded = new ForwardedConfig(forwarded.trustedProxies(), preserve, forwarded.via(), forwarded.headers());
    return this;
  }

  /** The Via name ("" for none) and the families of forwarding headers written. */
  public TestConfig forwarding(String via, ForwardedConfig.Header... headers) {
    forwarded = new ForwardedConfig(forwarded.trustedProxies(), forwarded.preserveHost(), via, Set.of(headers));
    return this;
  }

  public TetherConfig build() {
    return new TetherConfig(
        List.of(new HostPort("127.0.0.1", 0)),
        frontend,
        backend,
        forwarded,
        Duration.ofSeconds(5),
        pools,
        routes,
        keys);
  }
}
