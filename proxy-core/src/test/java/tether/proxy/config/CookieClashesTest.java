package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.proxy.config.ConfigFiles.at;
import static tether.proxy.config.ConfigFiles.problems;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.RouteCompiler;
import tether.routing.Action;
import tether.routing.RouteTableException;
import tether.routing.RuleSpec;

/** Pools that would take over each other's sessions by setting the same cookie on the same hosts. */
class CookieClashesTest {

  @TempDir Path dir;

  private static final AffinityConfig COOKIE = withCookie(AffinityConfig.CookieSettings.DEFAULT);

  private static AffinityConfig withCookie(AffinityConfig.CookieSettings cookie) {
    AffinityConfig none = AffinityConfig.NONE;
    return new AffinityConfig(List.of(AffinityConfig.Strategy.COOKIE), AffinityConfig.Unavailable.REDISPATCH,
        none.retryAfter(), cookie, none.routeSuffix(), none.learned(), none.header(), none.clientAddress());
  }

  private static Map<String, PoolConfig> pools(String... names) {
    Map<String, PoolConfig> pools = new LinkedHashMap<>();
    for (String name : names) {
      pools.put(name, pool(name, COOKIE));
    }
    return pools;
  }

  private static PoolConfig pool(String name, AffinityConfig affinity) {
    return new PoolConfig(name, BalancerKind.WEIGHTED_ROUND_ROBIN,
        List.of(new ServerConfig("s1", new HostPort("127.0.0.1", 9001), 1))).withAffinity(affinity);
  }

  private static AffinityConfig cookie(String name, String path, String domain) {
    AffinityConfig.CookieSettings d = AffinityConfig.CookieSettings.DEFAULT;
    return withCookie(new AffinityConfig.CookieSettings(name, d.maxIdle(), d.maxLife(), d.refreshInterval(),
        new tether.stickiness.cookie.CookieAttributes(path, domain, false, true, null, null)));
  }

  private static RuleSpec forward(String host, String prefix, String pool) {
    return RuleSpec.builder().host(host).prefix(prefix).forward(pool).build();
  }

  private static RuleSpec split(String prefix, String... pools) {
    return RuleSpec.builder().prefix(prefix)
        .split(java.util.Arrays.stream(pools).map(p -> new Action.Share(p, 1)).toArray(Action.Share[]::new)).build();
  }

  @Test
  void twoPoolsWithTheDefaultCookieOnOneHostClashOnTheLaterRule() {
    List<CookieClashes.Clash> clashes = CookieClashes.find(
        List.of(forward(null, "/", "web"), forward(null, "/api", "api")), pools("web", "api"));
    assertThat(clashes).hasSize(1);
    assertThat(clashes.get(0).rule()).isEqualTo(1);
    assertThat(clashes.get(0).field()).isEqualTo("pool");
    assertThat(clashes.get(0).message()).startsWith("api (expected: ")
        .contains("pool web, which rule 0 reaches, also pins sessions with the cookie TETHER")
        .contains("affinity.cookie.name");
  }

  @Test
  void aCookieOfItsOwnNameOrPathOrANeutralRouteOrAPoolWithoutTheCookieClashesWithNothing() {
    List<RuleSpec> rules = List.of(forward(null, "/", "web"), forward(null, "/api", "api"));
    Map<String, PoolConfig> renamed = pools("web", "api");
    renamed.put("api", pool("api", cookie("API", "/", null)));
    assertThat(CookieClashes.find(rules, renamed)).isEmpty();
    Map<String, PoolConfig> ownPath = pools("web", "api");
    ownPath.put("api", pool("api", cookie("TETHER", "/api", null)));
    assertThat(CookieClashes.find(rules, ownPath)).isEmpty();
    Map<String, PoolConfig> noCookie = pools("web", "api");
    noCookie.put("api", pool("api", AffinityConfig.NONE));
    assertThat(CookieClashes.find(rules, noCookie)).isEmpty();
    RuleSpec neutral = RuleSpec.builder().prefix("/api").forward("api").affinity("none").build();
    assertThat(CookieClashes.find(List.of(rules.get(0), neutral), pools("web", "api"))).isEmpty();
  }

  @Test
  void hostsClashWhenSomeNameMatchesBothOrTheCookieNamesADomain() {
    Map<String, PoolConfig> pools = pools("a", "b");
    assertThat(CookieClashes.find(List.of(forward("a.example.com", "/", "a"), forward("b.example.com", "/", "b")), pools))
        .isEmpty();
    assertThat(CookieClashes.find(List.of(forward("*.example.com", "/", "a"), forward("B.example.com.", "/x", "b")), pools))
        .hasSize(1);
    Map<String, PoolConfig> shared = new LinkedHashMap<>();
    shared.put("a", pool("a", cookie("TETHER", "/", "example.com")));
    shared.put("b", pool("b", cookie("TETHER", "/", "example.com")));
    assertThat(CookieClashes.find(List.of(forward("a.example.com", "/", "a"), forward("b.example.com", "/", "b")), shared))
        .hasSize(1);
    assertThat(CookieClashes.overlap("*.example.com", "*.shop.example.com")).isTrue();
    assertThat(CookieClashes.overlap("*.example.com", "*.example.org")).isFalse();
    assertThat(CookieClashes.overlap("example.com", "*.example.com")).isFalse();
  }

  @Test
  void poolsReachedTogetherOrOnlyOneOfThemAloneMayShareACookieButNotWhenEachIsReachedAlone() {
    Map<String, PoolConfig> pools = pools("blue", "green");
    assertThat(CookieClashes.find(List.of(split("/", "blue", "green"), split("/api", "green", "blue")), pools)).isEmpty();
    assertThat(CookieClashes.find(List.of(split("/", "blue", "green"), forward(null, "/admin", "blue")), pools))
        .as("a session moves from green to blue at most once; a cookie of its own would not keep it on green")
        .isEmpty();
    List<CookieClashes.Clash> clashes = CookieClashes.find(
        List.of(split("/", "blue", "green"), forward(null, "/admin", "blue"), forward(null, "/beta", "green")), pools);
    assertThat(clashes).extracting(CookieClashes.Clash::rule, CookieClashes.Clash::field).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, "pool"));
  }

  @Test
  void aHostWhoseOwnCatchAllRuleTakesEveryRequestIsOutOfReachOfLessSpecificRules() {
    Map<String, PoolConfig> pools = pools("admin", "app");
    RuleSpec app = forward(null, "/", "app");
    assertThat(CookieClashes.find(List.of(forward("admin.example.com", "/", "admin"), app), pools)).isEmpty();
    assertThat(CookieClashes.find(List.of(forward("*.example.com", "/", "admin"), app), pools)).isEmpty();
    assertThat(CookieClashes.find(List.of(forward("admin.example.com", "/x", "admin"), app), pools))
        .as("other paths of admin.example.com fall through to the rule for any host").hasSize(1);
    RuleSpec first = RuleSpec.builder().priority(5).prefix("/").forward("app").build();
    assertThat(CookieClashes.find(List.of(forward("admin.example.com", "/", "admin"), first), pools))
        .as("a rule with a priority is tried before the host's own").hasSize(1);
  }

  @Test
  void rulesSetAtRunTimeAreRefusedWithTheClash() {
    assertThatThrownBy(() -> RouteCompiler.compile(
            List.of(forward(null, "/", "web"), RuleSpec.builder().name("api").prefix("/api").forward("api").build()),
            pools("web", "api")))
        .isInstanceOf(RouteTableException.class)
        .hasMessageContaining("rule 1 (api): pool: api (expected: a pool whose affinity cookie no other pool sets");
  }

  @Test
  void theConfigurationFileIsRefusedWithTheLineOfTheRuleThatReachesTheSecondPool() {
    ConfigFiles files = new ConfigFiles(dir);
    Path file = files.write(
        "tether.keys { primary = k, secrets { k = \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\" } }",
        "tether.pools {",
        "  web { servers = [ { id = w, address = \"localhost:9001\" } ], affinity.strategies = [cookie] }",
        "  api { servers = [ { id = a, address = \"localhost:9002\" } ], affinity.strategies = [cookie] }",
        "}",
        "tether.routes = [",
        "  { prefix = \"/\", pool = web }",
        "  { prefix = \"/api\", pool = api }",
        "]");
    assertThat(problems(file)).hasSize(1).first().satisfies(problem -> assertThat(problem)
        .startsWith(at(file, 8, "tether.routes[1].pool: api (expected: a pool whose affinity cookie"))
        .contains("pool web, which routes[0] reaches"));
  }
}
