package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.routing.RuleSpec;

class ConfigLoaderTest {

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void mapsEveryFieldOfAFullConfiguration() {
    TetherConfig config = files.load(
        "tether {",
        "  listen = [\"127.0.0.1:8081\", \"[::1]:8082\", \"proxy.example.com:8083\"]",
        "  shutdown-grace = 3s",
        "  frontend {",
        "    header-timeout = 5s",
        "    max-header-size = 16k",
        "    max-body-size = 2m",
        "    idle-timeout = 45s",
        "    io-threads = 4",
        "  }",
        "  backend {",
        "    connect-timeout = 750ms",
        "    response-timeout = 20s",
        "    idle-timeout = 90s",
        "    max-connections-per-server = 64",
        "    max-queued-per-server = 0",
        "  }",
        "  forwarded {",
        "    trusted-proxies = [\"10.0.0.0/8\", \"::1\"]",
        "    preserve-host = false",
        "    via = \"edge-1\"",
        "    headers = [x-forwarded]",
        "  }",
        "  pools {",
        "    web { servers = [ { id = w1, address = \"10.1.0.1:80\", public-url = \"https://w1.example.com\" } ] }",
        "    app {",
        "      balancer = weighted-round-robin",
        "      servers = [",
        "        { id = app1, address = \"127.0.0.1:9001\", weight = 3 }",
        "        { id = app-2.b_c, address = \"[fe80::1]:9002\", weight = 0 }",
        "      ]",
        "    }",
        "  }",
        "  routes = [",
        "    { host = \"Admin.Example.com\", prefix = \"/admin\", pool = app }",
        "    { prefix = \"/\", pool = web }",
        "  ]",
        "}");

    assertThat(config.listen()).containsExactly(
        new HostPort("127.0.0.1", 8081), new HostPort("::1", 8082), new HostPort("proxy.example.com", 8083));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.frontend()).isEqualTo(new FrontendConfig(
        Duration.ofSeconds(5), 16 * 1024, 2L * 1024 * 1024, Duration.ofSeconds(45), 4));
    assertThat(config.backend()).isEqualTo(new BackendConfig(
        Duration.ofMillis(750), Duration.ofSeconds(20), Duration.ofSeconds(90), 64, 0));
    assertThat(config.forwarded()).isEqualTo(new ForwardedConfig(
        List.of(CidrRange.parse("10.0.0.0/8"), CidrRange.parse("::1")), false, "edge-1",
        Set.of(ForwardedConfig.Header.X_FORWARDED)));
    assertThat(config.pools().keySet()).containsExactly("web", "app");
    assertThat(config.pools().get("web")).isEqualTo(new PoolConfig("web", BalancerKind.WEIGHTED_ROUND_ROBIN,
        List.of(new ServerConfig("w1", new HostPort("10.1.0.1", 80), 1, "w1", "https://w1.example.com"))));
    assertThat(config.pools().get("app")).isEqualTo(new PoolConfig("app", BalancerKind.WEIGHTED_ROUND_ROBIN,
        List.of(new ServerConfig("app1", new HostPort("127.0.0.1", 9001), 3),
            new ServerConfig("app-2.b_c", new HostPort("fe80::1", 9002), 0))));
    assertThat(config.routes()).containsExactly(
        RuleSpec.builder().host("Admin.Example.com").prefix("/admin").forward("app").build(),
        RuleSpec.builder().prefix("/").forward("web").build());
  }

  @Test
  void keysLeftOutTakeTheDefaultsOfReferenceConf() {
    TetherConfig config = files.load("# nothing set");

    assertThat(config.listen()).containsExactly(new HostPort("0.0.0.0", 8080));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.frontend()).isEqualTo(new FrontendConfig(
        Duration.ofSeconds(10), 32 * 1024, 100L * 1024 * 1024, Duration.ofSeconds(60), 0));
    assertThat(config.backend()).isEqualTo(new BackendConfig(
        Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60), 256, 1024));
    assertThat(config.forwarded()).isEqualTo(new ForwardedConfig(List.of(), true, "tether", ForwardedConfig.allHeaders()));
    assertThat(config.pools()).isEmpty();
    assertThat(config.routes()).isEmpty();
  }

  @Test
  void aPartialSectionKeepsTheDefaultsOfItsOtherKeys() {
    TetherConfig config = files.load("tether.frontend.io-threads = 2", "tether.backend { connect-timeout = 1s }");

    assertThat(config.frontend().ioThreads()).isEqualTo(2);
    assertThat(config.frontend().maxHeaderBytes()).isEqualTo(32 * 1024);
    assertThat(config.backend().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.backend().maxConnectionsPerServer()).isEqualTo(256);
  }

  @Test
  void serverAndPoolDefaultsApply() {
    TetherConfig config = files.load(
        "tether.pools.app.servers = [ { id = a, address = \"localhost:9001\" } ]");

    PoolConfig pool = config.pools().get("app");
    assertThat(pool.balancer()).isEqualTo(PoolConfig.DEFAULT_BALANCER);
    assertThat(pool.servers()).containsExactly(
        new ServerConfig("a", new HostPort("localhost", 9001), ServerConfig.DEFAULT_WEIGHT));
  }

  @Test
  void poolsWithoutRoutesAreAllowed() {
    TetherConfig config = files.load(
        "tether.pools.app.servers = [ { id = a, address = \"localhost:9001\" } ]");

    assertThat(config.pools()).containsOnlyKeys("app");
    assertThat(config.routes()).isEmpty();
  }

  @Test
  void anOptionalEnvironmentSubstitutionThatIsUnsetKeepsTheDefault() {
    String unset = "TETHER_TEST_SURELY_UNSET_7f3a";
    assumeThat(System.getenv(unset)).isNull();

    TetherConfig config = files.load("tether.forwarded.via = ${?" + unset + "}");

    assertThat(config.forwarded().via()).isEqualTo("tether");
  }

  @Test
  void anEnvironmentVariableIsSubstituted() {
    String value = System.getenv("PATH");
    assumeThat(value).startsWith("/");

    TetherConfig config = files.load(
        "tether.pools.app.servers = [ { id = a, address = \"localhost:9001\" } ]",
        "tether.routes = [ { name = ${?PATH}, prefix = \"/\", pool = app } ]");

    assertThat(config.routes()).containsExactly(RuleSpec.builder().name(value).prefix("/").forward("app").build());
  }

  @Test
  void aSubstitutionMayNameAnotherKeyOrADefault() {
    TetherConfig config = files.load("tether.backend.idle-timeout = ${tether.frontend.idle-timeout}");

    assertThat(config.backend().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theDemoConfigurationLoads() {
    Path demo = Path.of("..", "conf", "tether.conf");
    assertThat(demo).isRegularFile();

    TetherConfig config = ConfigLoader.load(demo);

    assertThat(config.listen()).containsExactly(new HostPort("0.0.0.0", 8080));
    assertThat(config.pools()).containsOnlyKeys("app");
    assertThat(config.pools().get("app").servers()).containsExactly(
        new ServerConfig("app1", new HostPort("127.0.0.1", 9001), 1),
        new ServerConfig("app2", new HostPort("127.0.0.1", 9002), 1),
        new ServerConfig("app3", new HostPort("127.0.0.1", 9003), 1));
    assertThat(config.routes()).containsExactly(RuleSpec.builder().prefix("/").forward("app").build());
  }
}
