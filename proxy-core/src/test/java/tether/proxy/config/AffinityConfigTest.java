package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.config.AffinityConfig.CookieSettings;
import tether.proxy.config.AffinityConfig.Strategy;
import tether.proxy.config.AffinityConfig.Unavailable;
import tether.stickiness.appsession.LearnedConfig;
import tether.stickiness.appsession.RouteSuffixConfig;
import tether.stickiness.cookie.CookieAttributes;
import tether.stickiness.cookie.CookieAttributes.SameSite;
import tether.stickiness.cookie.SigningKeys;
import tether.stickiness.hash.ClientAddressConfig;
import tether.stickiness.hash.HeaderHashConfig;

/** Mapping of tether.keys, servers' routes and pools' affinity. */
class AffinityConfigTest {

  static final String SECRET_1 = base64("first-secret-of-thirty-two-bytes");
  static final String SECRET_2 = base64("second-secret-thirty-three-bytes!");
  static final String UNSET = "TETHER_TEST_SURELY_UNSET_7f3a";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void mapsEveryFieldOfAFullAffinityBlock() {
    TetherConfig config = files.load(
        "tether.keys {",
        "  primary = k2",
        "  secrets { k1 = \"" + SECRET_1 + "\", k2 = \"" + SECRET_2 + "\" }",
        "}",
        "tether.pools.app {",
        "  servers = [",
        "    { id = app1, address = \"127.0.0.1:9001\", route = node1 }",
        "    { id = app2, address = \"127.0.0.1:9002\", weight = 2 }",
        "  ]",
        "  affinity {",
        "    strategies = [client-address, header, learned, route-suffix, cookie]",
        "    when-unavailable = insist",
        "    retry-after = 2m",
        "    cookie {",
        "      name = SRV",
        "      max-idle = 20m",
        "      max-life = 8h",
        "      refresh-interval = 30s",
        "      path = \"/shop\"",
        "      domain = \"example.com\"",
        "      secure = true",
        "      http-only = false",
        "      same-site = none",
        "      max-age = 1d",
        "    }",
        "    route-suffix {",
        "      cookie-names = [SESSION, JSESSIONID]",
        "      separator = \"!\"",
        "      path-parameter = \"\"",
        "      query-parameters = [sid]",
        "    }",
        "    learned {",
        "      cookie-names = [PHPSESSID]",
        "      path-parameter = sessionid",
        "      query-parameters = [sid, s]",
        "      session-timeout = 45m",
        "      max-size = 5000",
        "    }",
        "    header { name = X-Tenant, max-value-length = 64 }",
        "    client-address { ipv4-prefix-length = 24, ipv6-prefix-length = 48 }",
        "  }",
        "}");

    assertThat(config.keys()).isEqualTo(new KeysConfig("k2", Map.of("k1", SECRET_1, "k2", SECRET_2)));
    PoolConfig pool = config.pools().get("app");
    assertThat(pool.servers()).containsExactly(
        new ServerConfig("app1", new HostPort("127.0.0.1", 9001), 1, "node1"),
        new ServerConfig("app2", new HostPort("127.0.0.1", 9002), 2, "app2"));
    assertThat(pool.affinity()).isEqualTo(new AffinityConfig(
        List.of(Strategy.CLIENT_ADDRESS, Strategy.HEADER, Strategy.LEARNED, Strategy.ROUTE_SUFFIX, Strategy.COOKIE),
        Unavailable.INSIST,
        Duration.ofMinutes(2),
        new CookieSettings("SRV", Duration.ofMinutes(20), Duration.ofHours(8), Duration.ofSeconds(30),
            new CookieAttributes("/shop", "example.com", true, false, SameSite.NONE, Duration.ofDays(1))),
        RouteSuffixConfig.builder()
            .cookieNames(List.of("SESSION", "JSESSIONID")).separator('!').pathParameter(null)
            .queryParameters(List.of("sid")).build(),
        LearnedConfig.builder()
            .cookieNames(List.of("PHPSESSID")).pathParameter("sessionid").queryParameters(List.of("sid", "s"))
            .sessionTimeout(Duration.ofMinutes(45)).maximumSize(5000).build(),
        new HeaderHashConfig("X-Tenant", 64),
        new ClientAddressConfig(24, 48)));
    assertThat(pool.affinity().enabled()).isTrue();
  }

  @Test
  void thoseKeysMakeSigningKeys() {
    KeysConfig keys = files.load(
        "tether.keys { primary = k1, secrets { k1 = \"" + SECRET_1 + "\", k2 = \"" + SECRET_2 + "\" } }").keys();

    SigningKeys signing = SigningKeys.fromBase64(keys.primary(), keys.secrets());

    assertThat(signing.primaryKeyId()).isEqualTo("k1");
    assertThat(signing.keyIds()).containsExactly("k1", "k2");
  }

  @Test
  void aPoolWithoutAffinityOrWithAnEmptyOneHasNone() {
    TetherConfig config = files.load(
        "tether.pools.plain.servers = [ { id = a, address = \"localhost:9001\" } ]",
        "tether.pools.empty { servers = [ { id = a, address = \"localhost:9001\" } ], affinity {} }");

    assertThat(config.pools().get("plain").affinity()).isEqualTo(AffinityConfig.NONE);
    assertThat(config.pools().get("empty").affinity()).isEqualTo(AffinityConfig.NONE);
    assertThat(config.pools().get("empty").affinity().enabled()).isFalse();
    assertThat(config.keys()).isEqualTo(KeysConfig.NONE);
    assertThat(config.keys().configured()).isFalse();
  }

  @Test
  void keysLeftOutOfEachSettingsObjectTakeTheRecordsDefaults() {
    TetherConfig config = files.load(
        "tether.keys { primary = k1, secrets.k1 = \"" + SECRET_1 + "\" }",
        "tether.pools.app {",
        "  servers = [ { id = a, address = \"localhost:9001\" } ]",
        "  affinity {",
        "    strategies = [cookie, route-suffix, learned, header, client-address]",
        "    cookie { name = C }",
        "    route-suffix { separator = \"!\" }",
        "    learned { max-size = 10 }",
        "    header { max-value-length = 10 }",
        "    client-address { ipv4-prefix-length = 16 }",
        "  }",
        "}");

    AffinityConfig affinity = config.pools().get("app").affinity();
    AffinityConfig none = AffinityConfig.NONE;
    assertThat(affinity.whenUnavailable()).isEqualTo(Unavailable.REDISPATCH);
    assertThat(affinity.retryAfter()).isEqualTo(AffinityConfig.DEFAULT_RETRY_AFTER);
    assertThat(affinity.cookie()).isEqualTo(new CookieSettings("C", CookieSettings.DEFAULT.maxIdle(),
        CookieSettings.DEFAULT.maxLife(), CookieSettings.DEFAULT.refreshInterval(), CookieAttributes.DEFAULT));
    assertThat(affinity.routeSuffix()).isEqualTo(RouteSuffixConfig.builder().separator('!').build());
    assertThat(affinity.learned()).isEqualTo(LearnedConfig.builder().maximumSize(10).build());
    assertThat(affinity.header()).isEqualTo(new HeaderHashConfig(HeaderHashConfig.DEFAULT_HEADER, 10));
    assertThat(affinity.clientAddress())
        .isEqualTo(new ClientAddressConfig(16, ClientAddressConfig.DEFAULT_IPV6_PREFIX));
    assertThat(none.cookie().attributes()).isEqualTo(CookieAttributes.DEFAULT);
  }

  @Test
  void emptyStringsOmitCookieAttributesAndPathParameters() {
    TetherConfig config = files.load(
        "tether.pools.app {",
        "  servers = [ { id = a, address = \"localhost:9001\" } ]",
        "  affinity {",
        "    cookie { path = \"\", domain = \"\", max-age = \"\" }",
        "    learned { path-parameter = \"\" }",
        "  }",
        "}");

    AffinityConfig affinity = config.pools().get("app").affinity();
    assertThat(affinity.cookie().attributes())
        .isEqualTo(new CookieAttributes(null, null, false, true, SameSite.LAX, null));
    assertThat(affinity.learned().pathParameter()).isNull();
  }

  @Test
  void aRouteDefaultsToTheServersId() {
    TetherConfig config = files.load(
        "tether.pools.app.servers = [",
        "  { id = app1, address = \"localhost:9001\" }",
        "  { id = app2, address = \"localhost:9002\", route = app1-b }",
        "]");

    assertThat(config.pools().get("app").servers())
        .extracting(ServerConfig::route)
        .containsExactly("app1", "app1-b");
  }

  @Test
  void aSecretFromAnUnsetVariableLeavesTheKeyOut() {
    assumeThat(System.getenv(UNSET)).isNull();

    KeysConfig keys = files.load(
        "tether.keys { primary = k1, secrets { k1 = \"" + SECRET_1 + "\", k2 = ${?" + UNSET + "} } }").keys();

    assertThat(keys.secrets()).containsOnlyKeys("k1");
  }

  @Test
  void theToStringOfKeysShowsIdsButNoSecret() {
    KeysConfig keys = files.load(
        "tether.keys { primary = k1, secrets { k1 = \"" + SECRET_1 + "\", k2 = \"" + SECRET_2 + "\" } }").keys();

    assertThat(keys.toString()).contains("k1", "k2").doesNotContain(SECRET_1, SECRET_2);
  }

  @Test
  void theDemoConfigurationSignsCookiesWithItsDemoKey() {
    assumeThat(System.getenv("TETHER_KEY")).isNull();

    TetherConfig config = ConfigLoader.load(Path.of("..", "conf", "tether.conf"));

    assertThat(config.keys().primary()).isEqualTo("demo");
    assertThat(config.keys().secrets()).containsOnlyKeys("demo");
    assertThat(Base64.getDecoder().decode(config.keys().secrets().get("demo")))
        .asString(StandardCharsets.US_ASCII)
        .contains("demo", "never-use-in-production");
    PoolConfig app = config.pools().get("app");
    assertThat(app.affinity().strategies()).containsExactly(Strategy.COOKIE);
    assertThat(app.servers()).allSatisfy(s -> assertThat(s.route()).isEqualTo(s.id()));
  }
}
