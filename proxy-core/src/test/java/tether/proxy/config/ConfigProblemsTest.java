package tether.proxy.config;

import static tether.proxy.config.ConfigFiles.at;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.proxy.config.ConfigFiles.problems;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of problem, with the exact line an operator sees. */
class ConfigProblemsTest {

  private static final String POOL_APP = "tether.pools.app.servers = [ { id = a, address = \"localhost:9001\" } ]";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void unknownKeysInFixedSectionsAreReportedWithTheValidOnes() {
    Path file = files.write(
        "tether {",
        "  frontend {",
        "    header-timout = 5s",
        "  }",
        "  lisen = [\"0.0.0.0:80\"]",
        "}",
        "other-library.setting = 1");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.frontend.header-timout: unknown key (expected: one of header-timeout, "
            + "idle-timeout, io-threads, max-body-size, max-header-size)"),
        at(file, 5, "tether.lisen: unknown key (expected: one of admin, backend, forwarded, frontend, keys, "
            + "listen, pools, routes, shutdown-grace)"));
  }

  @Test
  void unknownKeysOfAdminTokensAreReported() {
    Path file = files.write(
        "tether.pools.app.servers = [ { id = a, address = \"localhost:9001\" } ]",
        "tether.routes = [ { prefix = \"/\", pool = app } ]",
        "tether.admin.tokens = [",
        "  { name = ops, role = operator, secret = \"0123456789abcdef-secret\", rol = viewer }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 4, "tether.admin.tokens[0].rol: unknown key (expected: one of name, role, secret)"));
  }

  @Test
  void unknownKeysInPoolsServersAndRoutesAreReported() {
    Path file = files.write(
        "tether.pools.app {",
        "  servers = [",
        "    { id = a, address = \"localhost:9001\", wieght = 2 }",
        "  ]",
        "  balance = weighted-round-robin",
        "}",
        "tether.routes = [ { prefix = \"/\", pool = app, method = GET } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[0].wieght: unknown key "
            + "(expected: one of address, id, public-url, route, weight)"),
        at(file, 5, "tether.pools.app.balance: unknown key (expected: one of affinity, balancer, hash-key, hash-load-factor, health-check, passive, queue, retries, servers, slow-start)"),
        at(file, 7, "tether.routes[0].method: unknown key (expected: one of affinity, headers, host, methods, "
            + "name, path, path-regex, pool, prefix, priority, query, redirect, replace-prefix, request-headers, "
            + "respond, response-headers, rewrite, split, strip-prefix, timeouts)"));
  }

  @Test
  void wrongTypesAreReported() {
    Path file = files.write(
        "tether {",
        "  listen = \"0.0.0.0:8080\"",
        "  frontend = 5",
        "  backend.max-connections-per-server = many",
        "  backend.max-queued-per-server = 2.5",
        "  forwarded.preserve-host = maybe",
        "  forwarded.trusted-proxies = \"10.0.0.0/8\"",
        "  pools = []",
        "  routes = {}",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.listen: \"0.0.0.0:8080\" (expected: a list of at least one host:port)"),
        at(file, 3, "tether.frontend: 5 (expected: an object)"),
        at(file, 4, "tether.backend.max-connections-per-server: \"many\" (expected: an integer >= 1)"),
        at(file, 5, "tether.backend.max-queued-per-server: 2.5 (expected: an integer >= 0)"),
        at(file, 6, "tether.forwarded.preserve-host: \"maybe\" (expected: true or false)"),
        at(file, 7, "tether.forwarded.trusted-proxies: \"10.0.0.0/8\" "
            + "(expected: a list of IP addresses or CIDR ranges)"),
        at(file, 8, "tether.pools: [] (expected: an object of pools by name)"),
        at(file, 9, "tether.routes: {} (expected: a list of routes)"));
  }

  @Test
  void aServerThatIsNotAnObjectIsReported() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  \"localhost:9001\"",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.pools.app.servers[0]: \"localhost:9001\" "
            + "(expected: an object with id, address and weight)"));
  }

  @Test
  void badAddressesAreReported() {
    Path file = files.write(
        "tether.listen = [",
        "  \"127.0.0.1\"",
        "  \"127.0.0.1:99999\"",
        "  \":8080\"",
        "  \"::1:8080\"",
        "  \"[::1]\"",
        "  \"[::zz]:80\"",
        "  \"300.1.2.3:80\"",
        "  \"bad host:80\"",
        "  \"localhost:http\"",
        "  \"localhost:0\"",
        "  { host = localhost }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.listen[0]: \"127.0.0.1\" (expected: host:port with a port, such as 127.0.0.1:8080)"),
        at(file, 3, "tether.listen[1]: \"127.0.0.1:99999\" (expected: host:port with port 1..65535)"),
        at(file, 4, "tether.listen[2]: \":8080\" (expected: host:port with a non-empty host)"),
        at(file, 5, "tether.listen[3]: \"::1:8080\" (expected: host:port with IPv6 in brackets, such as [::1]:8080)"),
        at(file, 6, "tether.listen[4]: \"[::1]\" (expected: host:port with a port after the address, "
            + "such as [::1]:8080)"),
        at(file, 7, "tether.listen[5]: \"[::zz]:80\" (expected: host:port with a valid IPv6 address in brackets, "
            + "such as [::1]:8080)"),
        at(file, 8, "tether.listen[6]: \"300.1.2.3:80\" (expected: host:port with a valid IPv4 address "
            + "(four numbers 0..255))"),
        at(file, 9, "tether.listen[7]: \"bad host:80\" (expected: host:port with a host name of letters, "
            + "digits, '.', '-' and '_')"),
        at(file, 10, "tether.listen[8]: \"localhost:http\" (expected: host:port with port 1..65535)"),
        at(file, 11, "tether.listen[9]: \"localhost:0\" (expected: host:port with port 1..65535)"),
        at(file, 12, "tether.listen[10]: {\"host\":\"localhost\"} (expected: host:port)"));
  }

  @Test
  void aBadServerAddressNamesTheServer() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"127.0.0.1:9001\" }",
        "  { id = b, address = \"127.0.0.1:99999\" }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[1].address: \"127.0.0.1:99999\" (expected: host:port with port 1..65535)"));
  }

  @Test
  void listenMustNotBeEmptyNorRepeatAnAddress() {
    Path empty = files.write("tether.listen = []");
    Path repeated = files.write(
        "tether.listen = [",
        "  \"0.0.0.0:8080\"",
        "  \"[::1]:8080\"",
        "  \"[0:0:0:0:0:0:0:1]:8080\"",
        "]");

    assertThat(problems(empty)).containsExactly(
        at(empty, 1, "tether.listen: [] (expected: a list of at least one host:port)"));
    assertThat(problems(repeated)).containsExactly(
        at(repeated, 4, "tether.listen[2]: \"[0:0:0:0:0:0:0:1]:8080\" "
            + "(expected: each address once; listen[1] has it too)"));
  }

  @Test
  void serverIdsMustBeValidAndUniqueInAPool() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = app1, address = \"127.0.0.1:9001\" }",
        "  { id = app1, address = \"127.0.0.1:9002\" }",
        "  { id = \"app 3\", address = \"127.0.0.1:9003\" }",
        "  { id = \"" + "x".repeat(65) + "\", address = \"127.0.0.1:9004\" }",
        "  { address = \"127.0.0.1:9005\" }",
        "]",
        "tether.pools.other.servers = [ { id = app1, address = \"127.0.0.1:9001\" } ]");

    String expected = "1 to 64 characters of A-Z a-z 0-9 . _ -";
    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[1].id: \"app1\" (expected: an id unique in the pool; "
            + "servers[0] has it too)"),
        at(file, 4, "tether.pools.app.servers[2].id: \"app 3\" (expected: " + expected + ")"),
        at(file, 5, "tether.pools.app.servers[3].id: \"" + "x".repeat(65) + "\" (expected: " + expected + ")"),
        at(file, 6, "tether.pools.app.servers[4].id: missing (expected: " + expected + ")"));
  }

  @Test
  void serverAddressesMustBeUniqueInAPool() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"localhost:9001\" }",
        "  { id = b, address = \"LocalHost:9001\" }",
        "  { id = c }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[1].address: \"LocalHost:9001\" "
            + "(expected: an address unique in the pool; servers[0] has it too)"),
        at(file, 4, "tether.pools.app.servers[2].address: missing (expected: host:port)"));
  }

  @Test
  void aPoolNeedsServers() {
    Path file = files.write(
        "tether.pools {",
        "  empty { servers = [] }",
        "  none { balancer = weighted-round-robin }",
        "  scalar = 1",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.pools.empty.servers: [] (expected: a list of at least one server)"),
        at(file, 3, "tether.pools.none.servers: missing (expected: a list of at least one server)"),
        at(file, 4, "tether.pools.scalar: 1 (expected: an object with balancer and servers)"));
  }

  @Test
  void aPoolNameMustBePlain() {
    Path file = files.write("tether.pools.\"my pool\".servers = [ { id = a, address = \"localhost:1\" } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.pools.\"my pool\": \"my pool\" "
            + "(expected: a pool name of 1 to 64 characters of A-Z a-z 0-9 . _ -)"));
  }

  @Test
  void anUnknownBalancerListsTheValidOnes() {
    Path file = files.write(
        "tether.pools.app {",
        "  balancer = fastest",
        "  servers = [ { id = a, address = \"localhost:9001\" } ]",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.pools.app.balancer: \"fastest\" (expected: one of weighted-round-robin, random, "
            + "power-of-two-choices, peak-ewma, least-sessions, consistent-hash)"));
  }

  @Test
  void weightsMustBeInRange() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"localhost:9001\", weight = -1 }",
        "  { id = b, address = \"localhost:9002\", weight = 1001 }",
        "  { id = c, address = \"localhost:9003\", weight = 1000 }",
        "  { id = d, address = \"localhost:9004\", weight = 0 }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.pools.app.servers[0].weight: -1 (expected: an integer 0..1000)"),
        at(file, 3, "tether.pools.app.servers[1].weight: 1001 (expected: an integer 0..1000)"));
  }

  @Test
  void durationsThatMustBePositiveRefuseZeroAndNegatives() {
    Path file = files.write(
        "tether {",
        "  shutdown-grace = 0s",
        "  frontend.header-timeout = 0s",
        "  frontend.idle-timeout = -5s",
        "  backend.connect-timeout = 0",
        "  backend.response-timeout = soon",
        "  backend.idle-timeout = -1ms",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.frontend.header-timeout: \"0s\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 4, "tether.frontend.idle-timeout: \"-5s\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 5, "tether.backend.connect-timeout: 0 (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 6, "tether.backend.response-timeout: \"soon\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 7, "tether.backend.idle-timeout: \"-1ms\" (expected: a duration > 0, such as 10s or 500ms)"));
  }

  @Test
  void shutdownGraceMayBeZeroButNotNegative() {
    assertThat(files.load("tether.shutdown-grace = 0s").shutdownGrace()).isZero();

    Path file = files.write("tether.shutdown-grace = -1s");
    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.shutdown-grace: \"-1s\" (expected: a duration >= 0, such as 10s or 500ms)"));
  }

  @Test
  void sizesMustBeInRange() {
    Path small = files.write("tether.frontend.max-header-size = 512", "tether.frontend.max-body-size = -1");
    Path large = files.write("tether.frontend.max-header-size = 2m", "tether.frontend.max-body-size = lots");

    String header = "(expected: a size 1k..1m, that is 1024..1048576 bytes)";
    String body = "(expected: a size >= 0 such as 100m)";
    assertThat(problems(small)).containsExactly(
        at(small, 1, "tether.frontend.max-header-size: 512 " + header),
        at(small, 2, "tether.frontend.max-body-size: -1 " + body));
    assertThat(problems(large)).containsExactly(
        at(large, 1, "tether.frontend.max-header-size: \"2m\" " + header),
        at(large, 2, "tether.frontend.max-body-size: \"lots\" " + body));
  }

  @Test
  void sizeLimitsAreInclusive() {
    TetherConfig low = files.load("tether.frontend { max-header-size = 1k, max-body-size = 0 }");
    TetherConfig high = files.load("tether.frontend.max-header-size = 1m");

    assertThat(low.frontend().maxHeaderBytes()).isEqualTo(1024);
    assertThat(low.frontend().maxBodyBytes()).isZero();
    assertThat(high.frontend().maxHeaderBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void routesNeedAPrefixWithASlashAndAnExistingPool() {
    Path file = files.write(
        POOL_APP,
        "tether.routes = [",
        "  { prefix = \"api\", pool = app }",
        "  { prefix = \"/\", pool = ghost }",
        "  { host = \"example.com:8080\", prefix = \"/\", pool = app }",
        "  { host = \"example.com\" }",
        "  \"/\"",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].prefix: \"api\" (expected: a path starting with /, in normal form; "
            + "but the path does not start with /)"),
        at(file, 4, "tether.routes[1].pool: \"ghost\" (expected: one of app)"),
        at(file, 5, "tether.routes[2].host: \"example.com:8080\" (expected: a host name or IP address without "
            + "port, *.domain for its sub-domains, or * for any host)"),
        at(file, 6, "tether.routes[3].prefix: missing (expected: a path prefix starting with /, "
            + "needed unless path is set)"),
        at(file, 6, "tether.routes[3]: no action (expected: exactly one of pool, split, redirect, respond)"),
        at(file, 7, "tether.routes[4]: \"/\" (expected: an object with a prefix or path, "
            + "and one of pool, split, redirect, respond)"));
  }

  @Test
  void aRouteToAPoolWhenNoneAreDefinedSaysWhereToDefineThem() {
    Path file = files.write("tether.routes = [ { prefix = \"/\", pool = app } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.routes[0].pool: \"app\" (expected: the name of a pool defined under tether.pools)"));
  }

  @Test
  void aRouteRepeatingAHostAndPrefixIsReported() {
    Path file = files.write(
        POOL_APP,
        "tether.routes = [",
        "  { host = \"Example.com\", prefix = \"/\", pool = app }",
        "  { prefix = \"/\", pool = app }",
        "  { host = \"example.com\", prefix = \"/\", pool = app }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 5, "tether.routes[2].prefix: \"/\" (expected: a host and prefix other than those of routes[0], "
            + "which has no other conditions and so always matches first)"));
  }

  @Test
  void aNullWhereAValueIsNeededIsReported() {
    Path file = files.write("tether.backend.connect-timeout = null");

    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.backend.connect-timeout: null (expected: a duration > 0, such as 10s or 500ms)"));
  }

  @Test
  void aTetherThatIsNotAnObjectIsReported() {
    Path file = files.write("tether = [1, 2]");

    assertThat(problems(file)).containsExactly(at(file, 1, "tether: [1,2] (expected: an object)"));
  }

  @Test
  void allProblemsAreReportedAtOnceInLineOrder() {
    Path file = files.write(
        "tether {",
        "  routes = [ { prefix = \"/\", pool = missing } ]",
        "  listen = []",
        "  frontend { max-header-size = 10 }",
        "  pools.app.servers = [",
        "    { id = a, address = \"localhost\" }",
        "    { id = a, address = \"localhost:9002\", weight = 5000 }",
        "  ]",
        "  typo = 1",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.routes[0].pool: \"missing\" (expected: one of app)"),
        at(file, 3, "tether.listen: [] (expected: a list of at least one host:port)"),
        at(file, 4, "tether.frontend.max-header-size: 10 (expected: a size 1k..1m, that is 1024..1048576 bytes)"),
        at(file, 6, "tether.pools.app.servers[0].address: \"localhost\" "
            + "(expected: host:port with a port, such as localhost:8080)"),
        at(file, 7, "tether.pools.app.servers[1].id: \"a\" (expected: an id unique in the pool; "
            + "servers[0] has it too)"),
        at(file, 7, "tether.pools.app.servers[1].weight: 5000 (expected: an integer 0..1000)"),
        at(file, 9, "tether.typo: unknown key (expected: one of admin, backend, forwarded, frontend, keys, "
            + "listen, pools, routes, shutdown-grace)"));
  }

  @Test
  void theExceptionMessageListsTheProblems() {
    Path file = files.write("tether.listen = []", "tether.typo = 1");

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(InvalidConfigException.class)
        .message()
        .startsWith("invalid configuration, 2 problems:\n")
        .contains(file + ":1: tether.listen: []", file + ":2: tether.typo: unknown key");
  }

  @Test
  void aSyntaxErrorIsOneCleanLine() {
    Path file = files.write(
        "tether {",
        "  listen = [\"0.0.0.0:8080\"]",
        "  shutdown-grace = = 10s",
        "  frontend { io-threads = -2 }",
        "}");

    assertThat(problems(file)).singleElement().asString()
        .startsWith(file + ":3: syntax error: Expecting a value but got wrong token: '='")
        .doesNotContain("\n", "Exception", "\tat ");
  }

  @Test
  void anUnresolvedSubstitutionIsOneCleanLine() {
    Path file = files.write(
        "tether {",
        "  forwarded.via = ${TETHER_TEST_SURELY_UNSET_7f3a}",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "substitution: Could not resolve substitution to a value: ${TETHER_TEST_SURELY_UNSET_7f3a}"));
  }

  @Test
  void aMissingFileIsOneProblem() {
    Path file = dir.resolve("nope.conf");

    assertThat(problems(file)).containsExactly(file + ": no such file (expected: a readable HOCON file)");
  }

  @Test
  void aDirectoryIsOneProblem() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("conf.d"));

    assertThat(problems(sub)).containsExactly(sub + ": is a directory (expected: a readable HOCON file)");
  }

  @Test
  void theLocationIsTheFileAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("t.conf"), "\n\ntether.listen = []\n");
    Path asGiven = Path.of("").toAbsolutePath().relativize(file);

    assertThat(problems(asGiven)).containsExactly(
        asGiven + ":3: tether.listen: [] (expected: a list of at least one host:port)");
    assertThat(asGiven.isAbsolute()).isFalse();
  }
}
