package tether.proxy.config;

import static tether.proxy.config.ConfigFiles.at;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.proxy.config.AffinityConfigTest.SECRET_1;
import static tether.proxy.config.AffinityConfigTest.base64;
import static tether.proxy.config.ConfigFiles.problems;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of problem with keys, routes and affinity, with the exact line an operator sees. */
class AffinityProblemsTest {

  private static final String SERVERS = "  servers = [ { id = a, address = \"localhost:9001\" } ]";
  private static final String KEYS = "tether.keys { primary = k1, secrets.k1 = \"" + SECRET_1 + "\" }";
  private static final String AFFINITY = "tether.pools.app.affinity";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  /** A file whose lines 3.. are the body of pool app's affinity object. */
  private Path affinity(String... body) {
    String[] lines = new String[body.length + 4];
    lines[0] = "tether.pools.app {";
    lines[1] = SERVERS;
    lines[2] = "  affinity {";
    System.arraycopy(body, 0, lines, 3, body.length);
    lines[body.length + 3] = "  }\n}";
    return files.write(lines);
  }

  @Test
  void unknownKeysUnderAffinityItsObjectsKeysAndServersAreReported() {
    Path file = files.write(
        "tether.keys { primry = k1, secrets {} }",
        "tether.pools.app {",
        "  servers = [ { id = a, address = \"localhost:9001\", rout = x } ]",
        "  affinity {",
        "    strategy = [header]",
        "    cookie { max-idel = 5m }",
        "    route-suffix { separater = \"!\" }",
        "    learned { max-sessions = 5 }",
        "    header { header = X-A }",
        "    client-address { prefix = 24 }",
        "  }",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.keys.primry: unknown key (expected: one of primary, secrets)"),
        at(file, 3, "tether.pools.app.servers[0].rout: unknown key "
            + "(expected: one of address, id, public-url, route, weight)"),
        at(file, 5, AFFINITY + ".strategy: unknown key (expected: one of client-address, cookie, header, learned, "
            + "retry-after, route-suffix, strategies, when-unavailable)"),
        at(file, 6, AFFINITY + ".cookie.max-idel: unknown key (expected: one of domain, http-only, max-age, "
            + "max-idle, max-life, name, path, refresh-interval, same-site, secure)"),
        at(file, 7, AFFINITY + ".route-suffix.separater: unknown key (expected: one of cookie-names, "
            + "path-parameter, query-parameters, separator)"),
        at(file, 8, AFFINITY + ".learned.max-sessions: unknown key (expected: one of cookie-names, max-size, "
            + "path-parameter, query-parameters, session-timeout)"),
        at(file, 9, AFFINITY + ".header.header: unknown key (expected: one of max-value-length, name)"),
        at(file, 10, AFFINITY + ".client-address.prefix: unknown key (expected: one of ipv4-prefix-length, "
            + "ipv6-prefix-length)"));
  }

  @Test
  void anUnknownStrategyListsTheValidOnesAndARepeatedOneIsReported() {
    Path file = affinity(
        "    strategies = [",
        "      sticky",
        "      header",
        "      header",
        "      { name = cookie }",
        "    ]");

    String expected = "(expected: one of cookie, route-suffix, learned, header, client-address)";
    assertThat(problems(file)).containsExactly(
        at(file, 5, AFFINITY + ".strategies[0]: \"sticky\" " + expected),
        at(file, 7, AFFINITY + ".strategies[2]: \"header\" (expected: each strategy once; strategies[1] has it too)"),
        at(file, 8, AFFINITY + ".strategies[3]: {\"name\":\"cookie\"} " + expected));
  }

  @Test
  void theCookieStrategyNeedsAPrimaryKey() {
    Path file = affinity("    strategies = [header, cookie]");

    assertThat(problems(file)).containsExactly(
        at(file, 4, AFFINITY + ".strategies: cookie (expected: a signing key for the cookie: "
            + "set tether.keys.primary and tether.keys.secrets)"));
  }

  @Test
  void thePrimaryKeyMustBeOneOfTheSecrets() {
    Path none = files.write("tether.keys.primary = k1");
    Path other = files.write(
        "tether.keys {",
        "  primary = k3",
        "  secrets { k1 = \"" + SECRET_1 + "\", k2 = \"" + SECRET_1 + "\" }",
        "}");

    assertThat(problems(none)).containsExactly(
        at(none, 1, "tether.keys.primary: \"k1\" "
            + "(expected: the id of a key under tether.keys.secrets, or \"\" for no keys)"));
    assertThat(problems(other)).containsExactly(
        at(other, 2, "tether.keys.primary: \"k3\" "
            + "(expected: one of k1, k2 (the ids under tether.keys.secrets), or \"\")"));
  }

  @Test
  void aBadSecretNamesItsKeyIdButNeverShowsTheSecret() {
    String shortSecret = base64("only-sixteen-byt");
    String notBase64 = "not*base64*at#all*but*long*enough*to*be*a*secret";
    String inObject = base64("a-secret-nested-in-an-object-by-mistake");
    Path file = files.write(
        "tether.keys {",
        "  primary = short",
        "  secrets {",
        "    short = \"" + shortSecret + "\"",
        "    garbled = \"" + notBase64 + "\"",
        "    nested { value = \"" + inObject + "\" }",
        "    \"bad id\" = \"" + SECRET_1 + "\"",
        "  }",
        "}");

    List<String> problems = problems(file);

    assertThat(problems).containsExactly(
        at(file, 4, "tether.keys.secrets.short: 16 bytes (expected: at least 32 bytes)"),
        at(file, 5, "tether.keys.secrets.garbled: secret not shown (expected: base64 of at least 32 bytes)"),
        at(file, 6, "tether.keys.secrets.nested: an object "
            + "(expected: a base64 secret of at least 32 bytes once decoded)"),
        at(file, 7, "tether.keys.secrets.\"bad id\": \"bad id\" "
            + "(expected: a key id of 1 to 32 characters of A-Z a-z 0-9 _ -)"));
    assertThat(String.join("\n", problems))
        .doesNotContain(shortSecret, notBase64, inObject, SECRET_1, "only-sixteen", "not*base64");
  }

  @Test
  void keysOrSecretsThatAreNotObjectsAreReportedWithoutTheirValue() {
    Path keys = files.write("tether.keys = \"" + SECRET_1 + "\"");
    Path secrets = files.write("tether.keys.secrets = [\"" + SECRET_1 + "\"]");

    assertThat(problems(keys)).containsExactly(
        at(keys, 1, "tether.keys: a string, not shown (expected: an object with primary and secrets)"));
    assertThat(problems(secrets)).containsExactly(
        at(secrets, 1, "tether.keys.secrets: a list (expected: an object of key ids to base64 secrets)"));
  }

  @Test
  void routesMustBePlainAndUniqueInAPool() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"localhost:9001\", route = r1 }",
        "  { id = b, address = \"localhost:9002\", route = r1 }",
        "  { id = c, address = \"localhost:9003\", route = \"r 3\" }",
        "  { id = r1, address = \"localhost:9004\" }",
        "  { id = e, address = \"localhost:9005\", route = e }",
        "]",
        "tether.pools.other.servers = [ { id = x, address = \"localhost:9001\", route = r1 } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[1].route: \"r1\" (expected: a route unique in the pool; "
            + "servers[0] has it too)"),
        at(file, 4, "tether.pools.app.servers[2].route: \"r 3\" (expected: 1 to 64 characters of A-Z a-z 0-9 . _ -)"),
        at(file, 5, "tether.pools.app.servers[3].route: \"r1\" (expected: a route unique in the pool; "
            + "servers[0] has it too; a server without route uses its id)"));
  }

  @Test
  void withRouteSuffixARouteMustNotHoldTheSeparator() {
    Path file = files.write(
        "tether.pools.app {",
        "  servers = [",
        "    { id = app.1, address = \"localhost:9001\" }",
        "    { id = app2, address = \"localhost:9002\", route = \"app.2\" }",
        "    { id = app3, address = \"localhost:9003\", route = app_3 }",
        "  ]",
        "  affinity.strategies = [route-suffix]",
        "}");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[0].route: \"app.1\" (expected: a route without \".\", the route-suffix "
            + "separator; a server without route uses its id)"),
        at(file, 4, "tether.pools.app.servers[1].route: \"app.2\" (expected: a route without \".\", the route-suffix "
            + "separator)"));
  }

  @Test
  void badPolicyValuesAreReported() {
    Path file = affinity(
        "    strategies = header",
        "    when-unavailable = wait",
        "    retry-after = 1500ms",
        "    header = X-Session-Id");
    Path zero = affinity("    retry-after = 0s");

    assertThat(problems(file)).containsExactly(
        at(file, 4, AFFINITY + ".strategies: \"header\" (expected: a list of strategies, each one of cookie, "
            + "route-suffix, learned, header, client-address)"),
        at(file, 5, AFFINITY + ".when-unavailable: \"wait\" (expected: one of redispatch, insist)"),
        at(file, 6, AFFINITY + ".retry-after: \"1500ms\" (expected: a whole number of seconds > 0, such as 5s)"),
        at(file, 7, AFFINITY + ".header: \"X-Session-Id\" (expected: an object)"));
    assertThat(problems(zero)).containsExactly(
        at(zero, 4, AFFINITY + ".retry-after: \"0s\" (expected: a whole number of seconds > 0, such as 5s)"));
  }

  @Test
  void badCookieSettingsAreReported() {
    Path file = affinity(
        "    cookie {",
        "      name = \"my cookie\"",
        "      max-idle = 0s",
        "      path = \"shop\"",
        "      domain = \"exa mple.com\"",
        "      same-site = none",
        "      max-age = 1500ms",
        "      http-only = sometimes",
        "    }");
    Path other = affinity("    cookie { same-site = Lax, max-age = -1s, refresh-interval = 1 }");

    assertThat(problems(file)).containsExactly(
        at(file, 5, AFFINITY + ".cookie.name: \"my cookie\" "
            + "(expected: a cookie name of letters, digits and !#$%&'*+-.^_`|~)"),
        at(file, 6, AFFINITY + ".cookie.max-idle: \"0s\" (expected: a duration >= 1s, such as 30m)"),
        at(file, 7, AFFINITY + ".cookie.path: \"shop\" (expected: a path starting with /, without ; or controls)"),
        at(file, 8, AFFINITY + ".cookie.domain: \"exa mple.com\" (expected: a host name such as example.com)"),
        at(file, 9, AFFINITY + ".cookie.same-site: \"none\" (expected: secure = true with SameSite=None)"),
        at(file, 10, AFFINITY + ".cookie.max-age: \"1500ms\" (expected: a whole number of seconds > 0, such as "
            + "12h, or \"\" for a cookie that ends with the browser session)"),
        at(file, 11, AFFINITY + ".cookie.http-only: \"sometimes\" (expected: true or false)"));
    assertThat(problems(other)).containsExactly(
        at(other, 4, AFFINITY + ".cookie.refresh-interval: 1 (expected: a duration >= 1s, such as 30m)"),
        at(other, 4, AFFINITY + ".cookie.same-site: \"Lax\" (expected: one of strict, lax, none)"),
        at(other, 4, AFFINITY + ".cookie.max-age: \"-1s\" (expected: a whole number of seconds > 0, such as "
            + "12h, or \"\" for a cookie that ends with the browser session)"));
  }

  @Test
  void cookieLifetimesMustBeInOrder() {
    Path life = affinity("    cookie.max-life = 10m");
    Path idle = affinity("    cookie.max-idle = 30s");
    Path both = affinity("    cookie { max-idle = 1h, max-life = 30m, refresh-interval = 1h }");

    assertThat(problems(life)).containsExactly(
        at(life, 4, AFFINITY + ".cookie.max-life: \"10m\" (expected: a duration >= max-idle, which is 30m)"));
    assertThat(problems(idle)).containsExactly(
        at(idle, 4, AFFINITY + ".cookie.max-idle: \"30s\" (expected: a duration > refresh-interval, which is 1m)"));
    assertThat(problems(both)).containsExactly(
        at(both, 4, AFFINITY + ".cookie.max-life: \"30m\" (expected: a duration >= max-idle, which is 1h)"),
        at(both, 4, AFFINITY + ".cookie.refresh-interval: \"1h\" (expected: a duration < max-idle, which is 1h)"));
  }

  @Test
  void badRouteSuffixLearnedHeaderAndClientAddressSettingsAreReported() {
    Path file = affinity(
        "    route-suffix {",
        "      separator = \"-\"",
        "      cookie-names = [\"JSESSION ID\"]",
        "      path-parameter = \"a=b\"",
        "      query-parameters = [\"s&id\"]",
        "    }",
        "    learned {",
        "      cookie-names = []",
        "      session-timeout = 0s",
        "      max-size = 0",
        "    }",
        "    header { name = \"X Session\", max-value-length = 0 }",
        "    client-address { ipv4-prefix-length = 33, ipv6-prefix-length = 129 }");

    assertThat(problems(file)).containsExactly(
        at(file, 5, AFFINITY + ".route-suffix.separator: \"-\" (expected: \".\" or \"!\")"),
        at(file, 6, AFFINITY + ".route-suffix.cookie-names: [\"JSESSION ID\"] (expected: RFC 6265 cookie names)"),
        at(file, 7, AFFINITY + ".route-suffix.path-parameter: \"a=b\" "
            + "(expected: a name without = & ; / ? # or spaces)"),
        at(file, 8, AFFINITY + ".route-suffix.query-parameters: [\"s&id\"] "
            + "(expected: names without = & ; / ? # or spaces)"),
        at(file, 11, AFFINITY + ".learned.cookie-names: [] (expected: at least one cookie name)"),
        at(file, 12, AFFINITY + ".learned.session-timeout: \"0s\" (expected: a duration > 0, such as 10s or 500ms)"),
        at(file, 13, AFFINITY + ".learned.max-size: 0 (expected: an integer >= 1)"),
        at(file, 15, AFFINITY + ".header.name: \"X Session\" (expected: an HTTP header name)"),
        at(file, 15, AFFINITY + ".header.max-value-length: 0 (expected: an integer >= 1)"),
        at(file, 16, AFFINITY + ".client-address.ipv4-prefix-length: 33 (expected: an integer 0..32)"),
        at(file, 16, AFFINITY + ".client-address.ipv6-prefix-length: 129 (expected: an integer 0..128)"));
  }

  @Test
  void routeSuffixNeedsSomewhereToFindTheSessionId() {
    Path file = affinity("    route-suffix { cookie-names = [], path-parameter = \"\" }");

    assertThat(problems(file)).containsExactly(
        at(file, 4, AFFINITY + ".route-suffix.cookie-names: [] (expected: at least one of cookie-names, "
            + "path-parameter and query-parameters, to find the session id in)"));
  }

  @Test
  void affinityProblemsAreCollectedWithTheOthersInLineOrder() {
    Path file = files.write(
        KEYS,
        "tether.pools.app {",
        "  servers = [ { id = a, address = \"localhost\" } ]",
        "  affinity {",
        "    strategies = [cookie, bogus]",
        "    cookie.max-life = 1m",
        "  }",
        "}",
        "tether.listen = []");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.pools.app.servers[0].address: \"localhost\" "
            + "(expected: host:port with a port, such as localhost:8080)"),
        at(file, 5, AFFINITY + ".strategies[1]: \"bogus\" "
            + "(expected: one of cookie, route-suffix, learned, header, client-address)"),
        at(file, 6, AFFINITY + ".cookie.max-life: \"1m\" (expected: a duration >= max-idle, which is 30m)"),
        at(file, 9, "tether.listen: [] (expected: a list of at least one host:port)"));
  }
}
