package tether.proxy.config;

import static tether.proxy.config.ConfigFiles.at;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.proxy.config.ConfigFiles.problems;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of problem in {@code tether.routes}, with the exact line an operator sees. */
class RouteProblemsTest {

  private static final String POOLS = "tether.pools { app.servers = [ { id = a, address = \"localhost:9001\" } ],"
      + " web.servers = [ { id = w, address = \"localhost:9002\" } ] }";
  private static final String ACTIONS = "(expected: exactly one of pool, split, redirect, respond)";

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void aRuleNeedsExactlyOneActionAndTheMessageNamesThoseFound() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\" }",
        "  { prefix = \"/b\", pool = app, respond { body = x } }",
        "  { prefix = \"/c\", pool = app, split = [], redirect { location = \"/\" } }",
        "  { prefix = \"/d\", pool = null }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0]: no action " + ACTIONS),
        at(file, 4, "tether.routes[1]: 2 actions: pool, respond " + ACTIONS),
        at(file, 5, "tether.routes[2]: 3 actions: pool, split, redirect " + ACTIONS),
        at(file, 6, "tether.routes[3]: no action " + ACTIONS));
  }

  @Test
  void unknownKeysAnywhereInARouteAreReported() {
    Path file = files.write(
        POOLS,
        "tether.routes = [ {",
        "  prefix = \"/\"",
        "  hosts = [a]",
        "  headers = [ { name = X, eqals = \"1\" } ]",
        "  query = [ { name = q, value = \"1\" } ]",
        "  split = [ { pool = app, wieght = 1, weight = 1 } ]",
        "  rewrite { regex = x, replacement = y, flags = i }",
        "  timeouts { response = 1s, connect = 1s }",
        "  request-headers { append { X = y }, add { Any-Name = ok } }",
        "  response-headers { delete = [Server], set { Also-Any = ok } }",
        "} ]");

    assertThat(problems(file)).containsExactly(
        at(file, 4, "tether.routes[0].hosts: unknown key (expected: one of affinity, headers, host, methods, name, "
            + "path, path-regex, pool, prefix, priority, query, redirect, replace-prefix, request-headers, respond, "
            + "response-headers, rewrite, split, strip-prefix, timeouts)"),
        at(file, 5, "tether.routes[0].headers[0].eqals: unknown key (expected: one of equals, name, regex)"),
        at(file, 6, "tether.routes[0].query[0].value: unknown key (expected: one of equals, name)"),
        at(file, 7, "tether.routes[0].split[0].wieght: unknown key (expected: one of pool, weight)"),
        at(file, 8, "tether.routes[0].rewrite.flags: unknown key (expected: one of regex, replacement)"),
        at(file, 9, "tether.routes[0].timeouts.connect: unknown key (expected: one of response)"),
        at(file, 10, "tether.routes[0].request-headers.append: unknown key (expected: one of add, remove, set)"),
        at(file, 11, "tether.routes[0].response-headers.delete: unknown key (expected: one of add, remove, set)"));
  }

  @Test
  void unknownKeysOfRedirectAndRespondAreReported() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", redirect { code = 301, location = \"/b\" } }",
        "  { prefix = \"/b\", respond { type = \"text/plain\" } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].redirect.code: unknown key (expected: one of location, pool, status)"),
        at(file, 4, "tether.routes[1].respond.type: unknown key (expected: one of body, content-type, status)"));
  }

  @Test
  void valuesOfTheWrongShapeAreReported() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", pool = app, name = [x], priority = high, host = {} }",
        "  { prefix = [], pool = app, priority = 1.5, path-regex = {} }",
        "  { prefix = \"/c\", pool = app, methods = GET }",
        "  { prefix = \"/d\", pool = app, methods = [] }",
        "  { prefix = \"/e\", pool = app, methods = [GET, {}] }",
        "  { prefix = \"/f\", pool = app, headers = { name = X } }",
        "  { prefix = \"/g\", pool = app, headers = [ X, { equals = \"1\" } ] }",
        "  { prefix = \"/h\", pool = app, query = [ { equals = \"1\" } ] }",
        "  { prefix = \"/i\", pool = app, strip-prefix = maybe, replace-prefix = [] }",
        "  { prefix = \"/j\", pool = app, rewrite = \"^/x\" }",
        "  { prefix = \"/k\", pool = app, rewrite { regex = \"^/x\" } }",
        "  { prefix = \"/l\", pool = app, timeouts = 5s }",
        "  { prefix = \"/m\", pool = app, timeouts { response = 0s } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].name: [\"x\"] (expected: a label for messages)"),
        at(file, 3, "tether.routes[0].priority: \"high\" (expected: an integer; rules with a priority are tried "
            + "first, highest first)"),
        at(file, 3, "tether.routes[0].host: {} (expected: an exact host, or a wildcard such as \"*.example.com\")"),
        at(file, 4, "tether.routes[1].priority: 1.5 (expected: an integer; rules with a priority are tried first, "
            + "highest first)"),
        at(file, 4, "tether.routes[1].prefix: [] (expected: a path prefix starting with /, needed unless path "
            + "is set)"),
        at(file, 4, "tether.routes[1].path-regex: {} (expected: a regular expression)"),
        at(file, 5, "tether.routes[2].methods: \"GET\" (expected: a list of HTTP methods such as [GET, POST])"),
        at(file, 6, "tether.routes[3].methods: [] (expected: a list of HTTP methods such as [GET, POST], "
            + "or no methods key for any method)"),
        at(file, 7, "tether.routes[4].methods[1]: {} (expected: an HTTP method such as GET)"),
        at(file, 8, "tether.routes[5].headers: {\"name\":\"X\"} (expected: a list of header conditions)"),
        at(file, 9, "tether.routes[6].headers[0]: \"X\" (expected: an object with name, and equals or regex)"),
        at(file, 9, "tether.routes[6].headers[1].name: missing (expected: a header name)"),
        at(file, 10, "tether.routes[7].query[0].name: missing (expected: a parameter name)"),
        at(file, 11, "tether.routes[8].strip-prefix: \"maybe\" (expected: true or false)"),
        at(file, 11, "tether.routes[8].replace-prefix: [] (expected: a path starting with /)"),
        at(file, 12, "tether.routes[9].rewrite: \"^/x\" (expected: an object with regex and replacement)"),
        at(file, 13, "tether.routes[10].rewrite.replacement: missing (expected: the replacement, in which $1..$9 "
            + "are the regex's groups)"),
        at(file, 14, "tether.routes[11].timeouts: \"5s\" (expected: an object such as { response = 5s })"),
        at(file, 15, "tether.routes[12].timeouts.response: \"0s\" (expected: a duration > 0, such as 10s or 500ms)"));
  }

  @Test
  void actionsOfTheWrongShapeAreReported() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", pool = [app] }",
        "  { prefix = \"/b\", split = app }",
        "  { prefix = \"/c\", split = [ app, { pool = web }, { weight = 2 }, { pool = app, weight = -1 } ] }",
        "  { prefix = \"/d\", redirect = \"/x\" }",
        "  { prefix = \"/e\", redirect { status = found } }",
        "  { prefix = \"/f\", respond = ok }",
        "  { prefix = \"/g\", respond { status = ok, body = [x] } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].pool: [\"app\"] (expected: the name of a pool)"),
        at(file, 4, "tether.routes[1].split: \"app\" (expected: a list of { pool, weight })"),
        at(file, 5, "tether.routes[2].split[0]: \"app\" (expected: an object with pool and weight)"),
        at(file, 5, "tether.routes[2].split[1].weight: missing (expected: an integer >= 0)"),
        at(file, 5, "tether.routes[2].split[2].pool: missing (expected: the name of a pool)"),
        at(file, 5, "tether.routes[2].split[3].weight: -1 (expected: an integer >= 0)"),
        at(file, 6, "tether.routes[3].redirect: \"/x\" (expected: an object with status, location and pool)"),
        at(file, 7, "tether.routes[4].redirect.status: \"found\" (expected: one of 301, 302, 303, 307, 308)"),
        at(file, 7, "tether.routes[4].redirect.location: missing (expected: a URL or path, with {server}, {path} "
            + "and {query} as placeholders)"),
        at(file, 8, "tether.routes[5].respond: \"ok\" (expected: an object with status, content-type and body)"),
        at(file, 9, "tether.routes[6].respond.status: \"ok\" (expected: an HTTP status 200..599)"),
        at(file, 9, "tether.routes[6].respond.body: [\"x\"] (expected: the body, as text)"));
  }

  @Test
  void headerEditsOfTheWrongShapeAreReported() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", pool = app, request-headers = [] }",
        "  { prefix = \"/b\", pool = app, request-headers { remove = X-Debug } }",
        "  { prefix = \"/c\", pool = app, response-headers { remove = [ {} ], set = [] } }",
        "  { prefix = \"/d\", pool = app, response-headers { set { X = [a, b] }, add { Y = [ {} ], Z = null } } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].request-headers: [] (expected: an object with add, set and remove)"),
        at(file, 4, "tether.routes[1].request-headers.remove: \"X-Debug\" (expected: a list of header names)"),
        at(file, 5, "tether.routes[2].response-headers.remove[0]: {} (expected: a header name)"),
        at(file, 5, "tether.routes[2].response-headers.set: [] (expected: an object from header name to value)"),
        at(file, 6, "tether.routes[3].response-headers.set.X: [\"a\",\"b\"] (expected: a header value)"),
        at(file, 6, "tether.routes[3].response-headers.add.Y: {} (expected: a header value, or a list of them)"),
        at(file, 6, "tether.routes[3].response-headers.add.Z: null (expected: a header value, or a list of them)"));
  }

  @Test
  void affinityTakesOnlyNone() {
    Path file = files.write(POOLS, "tether.routes = [ { prefix = \"/\", pool = app, affinity = cookie } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.routes[0].affinity: \"cookie\" (expected: none, which turns the pool's affinity off "
            + "for this route; or no affinity key for the pool's)"));
  }

  @Test
  void whatTheRoutingRulesRefuseIsReportedOnItsKeyAndLine() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a/../b\", pool = app }",
        "  { host = \"bad host\", prefix = \"/b\", path = \"/other\", pool = app }",
        "  { prefix = \"/c\", path-regex = \"(\", methods = [\"G T\"], pool = app }",
        "  {",
        "    prefix = \"/d\", pool = app",
        "    headers = [",
        "      { name = X-Ok }",
        "      { name = \"X Y\", equals = a, regex = b }",
        "    ]",
        "    query = [ { name = \"\" } ]",
        "  }",
        "  { prefix = \"/e\", redirect { status = 300, location = \"{path}?{query}\" } }",
        "  { prefix = \"/f\", redirect { location = \"/x\", pool = app } }",
        "  { prefix = \"/g\", redirect { location = \"{server}{path}\" } }",
        "  { prefix = \"/h\", respond { status = 100, body = x } }",
        "  { prefix = \"/i\", split = [ { pool = app, weight = 0 } ] }",
        "  { prefix = \"/j\", split = [ { pool = app, weight = 1 }, { pool = app, weight = 1 } ] }",
        "  { prefix = \"/k\", pool = \"\", strip-prefix = true, replace-prefix = \"/z\" }",
        "  { prefix = \"/l\", pool = app, rewrite { regex = \"^/(a)\", replacement = \"/$2\" } }",
        "  { prefix = \"/m\", pool = app, rewrite { regex = \"[\", replacement = \"\" } }",
        "  { prefix = \"/n\", pool = app, name = \" \" }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].prefix: \"/a/../b\" (expected: its normal form \"/b\")"),
        at(file, 4, "tether.routes[1].host: \"bad host\" (expected: a host name or IP address without port, "
            + "*.domain for its sub-domains, or * for any host)"),
        at(file, 4, "tether.routes[1].path: \"/other\" (expected: a path under the prefix /b, or the rule never "
            + "matches)"),
        at(file, 5, "tether.routes[2].path-regex: \"(\" (expected: a valid regular expression; Unclosed group "
            + "at index 1)"),
        at(file, 5, "tether.routes[2].methods: \"G T\" (expected: HTTP method names such as GET or POST)"),
        at(file, 10, "tether.routes[3].headers[1].name: \"X Y\" (expected: a header name)"),
        at(file, 10, "tether.routes[3].headers[1].regex: \"b\" (expected: either equals or regex, not both)"),
        at(file, 12, "tether.routes[3].query[0].name: \"\" (expected: a parameter name)"),
        at(file, 14, "tether.routes[4].redirect.status: 300 (expected: one of 301, 302, 303, 307, 308)"),
        at(file, 14, "tether.routes[4].redirect.location: \"{path}?{query}\" (expected: {query} without a ? "
            + "before it: it brings its own when the request has a query)"),
        at(file, 15, "tether.routes[5].redirect.pool: \"app\" (expected: none, since the location has no "
            + "{server})"),
        at(file, 16, "tether.routes[6].redirect.pool: null (expected: a pool name)"),
        at(file, 17, "tether.routes[7].respond.status: 100 (expected: 200 to 599)"),
        at(file, 17, "tether.routes[7].respond.content-type: null (expected: a media type such as text/plain, "
            + "needed with a body)"),
        at(file, 18, "tether.routes[8].split: 1 shares, total weight 0 (expected: at least one share with "
            + "weight > 0)"),
        at(file, 19, "tether.routes[9].split[1].pool: \"app\" (expected: each pool once per split)"),
        at(file, 20, "tether.routes[10].pool: \"\" (expected: a pool name)"),
        at(file, 20, "tether.routes[10].replace-prefix: \"/z\" (expected: not together with strip-prefix)"),
        at(file, 21, "tether.routes[11].rewrite.replacement: \"/$2\" (expected: a replacement whose $ refers to "
            + "groups $0 to $1 (write \\$ for a literal $))"),
        at(file, 22, "tether.routes[12].rewrite.regex: \"[\" (expected: a valid regular expression; Unclosed "
            + "character class at index 0)"),
        at(file, 23, "tether.routes[13].name: \" \" (expected: a non-blank name, or none)"));
  }

  @Test
  void badHeaderEditsAreReportedOnTheKeyThatWritesThem() {
    Path file = files.write(
        POOLS,
        "tether.routes = [ {",
        "  prefix = \"/\", pool = app",
        "  request-headers {",
        "    remove = [Ok, \"Bad Name\"]",
        "    set { X-Ok = fine, X-Bad = \"a\\u0001b\" }",
        "  }",
        "  response-headers {",
        "    add {",
        "      \"Not A Token\" = v",
        "    }",
        "  }",
        "} ]");

    assertThat(problems(file)).containsExactly(
        at(file, 5, "tether.routes[0].request-headers.remove[1]: \"Bad Name\" (expected: a header name)"),
        at(file, 6, "tether.routes[0].request-headers.set.X-Bad: \"a\u0001b\" (expected: a value without control "
            + "characters)"),
        at(file, 10, "tether.routes[0].response-headers.add.\"Not A Token\": \"Not A Token\" "
            + "(expected: a header name)"));
  }

  @Test
  void aRuleHiddenBehindAnEarlierOneAndARepeatedNameNameTheEarlierElement() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { name = api, host = \"Api.Example.com\", prefix = \"/v1/\", pool = app }",
        "  { prefix = \"/x\", methods = [GET], pool = app }",
        "  { name = api, host = \"api.example.com\", prefix = \"/v1\", pool = web }",
        "  { name = other, prefix = \"/x\", pool = web }",
        "  { prefix = \"/x\", pool = app }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 5, "tether.routes[2].name: \"api\" (expected: a name not used by routes[0] (api))"),
        at(file, 5, "tether.routes[2].prefix: \"/v1\" (expected: a host and prefix other than those of "
            + "routes[0] (api), which has no other conditions and so always matches first)"),
        at(file, 7, "tether.routes[4].prefix: \"/x\" (expected: a host and prefix other than those of "
            + "routes[3] (other), which has no other conditions and so always matches first)"));
  }

  @Test
  void anElementLeftOutOfCompilingStillGetsItsNameInMessages() {
    // routes[1] cannot be read, so routes[2] is the second rule compiled: messages must still say routes[2].
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/x\", pool = app }",
        "  { prefix = \"/y\", priority = high, pool = app }",
        "  { prefix = \"/x\", pool = web }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 4, "tether.routes[1].priority: \"high\" (expected: an integer; rules with a priority are tried "
            + "first, highest first)"),
        at(file, 5, "tether.routes[2].prefix: \"/x\" (expected: a host and prefix other than those of "
            + "routes[0], which has no other conditions and so always matches first)"));
  }

  @Test
  void everyPoolARuleNamesMustExist() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", pool = ghost }",
        "  { prefix = \"/b\", split = [ { pool = app, weight = 1 }, { pool = gone, weight = 1 } ] }",
        "  { prefix = \"/c\", redirect { location = \"{server}{path}\", pool = nowhere } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].pool: \"ghost\" (expected: one of app, web)"),
        at(file, 4, "tether.routes[1].split[1].pool: \"gone\" (expected: one of app, web)"),
        at(file, 5, "tether.routes[2].redirect.pool: \"nowhere\" (expected: one of app, web)"));
  }

  @Test
  void aPoolThatIsDefinedButBadIsReportedOnlyWhereItIsDefined() {
    Path file = files.write(
        "tether.pools.app.servers = [ { id = a, address = \"localhost\" } ]",
        "tether.routes = [ { prefix = \"/\", pool = app } ]");

    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.pools.app.servers[0].address: \"localhost\" (expected: host:port with a port, "
            + "such as localhost:8080)"));
  }

  @Test
  void aRedirectToServerNeedsAPublicUrlOnEveryServerOfItsPool() {
    Path file = files.write(
        "tether.pools {",
        "  app.servers = [",
        "    { id = app1, address = \"localhost:9001\", public-url = \"https://app1.example.com\" }",
        "    { id = app2, address = \"localhost:9002\" }",
        "    { id = app3, address = \"localhost:9003\" }",
        "  ]",
        "  web.servers = [",
        "    { id = web1, address = \"localhost:9011\" }",
        "    { id = web2, address = \"localhost:9012\", public-url = \"https://web2.example.com\" }",
        "  ]",
        "}",
        "tether.routes = [",
        "  { prefix = \"/a\", redirect { location = \"{server}{path}{query}\", pool = app } }",
        "  { prefix = \"/b\", redirect { location = \"{server}/b\", pool = web } }",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 13, "tether.routes[0].redirect.pool: \"app\" (expected: a pool whose servers all have a "
            + "public-url, since the location uses {server}; app2, app3 have none)"),
        at(file, 14, "tether.routes[1].redirect.pool: \"web\" (expected: a pool whose servers all have a "
            + "public-url, since the location uses {server}; web1 has none)"));
  }

  @Test
  void aPublicUrlMustBeAnAbsoluteHttpUrlWithoutQueryOrFragment() {
    Path file = files.write(
        "tether.pools.app.servers = [",
        "  { id = a, address = \"localhost:9001\", public-url = \"app.example.com\" }",
        "  { id = b, address = \"localhost:9002\", public-url = \"ftp://app.example.com\" }",
        "  { id = c, address = \"localhost:9003\", public-url = \"https://app.example.com/?x=1\" }",
        "  { id = d, address = \"localhost:9004\", public-url = \"https://app.example.com#top\" }",
        "  { id = e, address = \"localhost:9005\", public-url = \"https://user:pw@app.example.com\" }",
        "  { id = f, address = \"localhost:9006\", public-url = \"https://app.example.com/a b\" }",
        "  { id = g, address = \"localhost:9007\", public-url = \"https://\u00e9t\u00e9.example.com\" }",
        "  { id = h, address = \"localhost:9008\", public-url = [] }",
        "  { id = i, address = \"localhost:9009\", public-url = \"HTTPS://ok.example.com:8443/base/\" }",
        "]",
        "tether.routes = [ { prefix = \"/\", redirect { location = \"{server}{path}\", pool = app } } ]");

    String expected = " (expected: an absolute http or https URL without user info, query or fragment, "
        + "such as https://app2.example.com)";
    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.pools.app.servers[0].public-url: \"app.example.com\"" + expected),
        at(file, 3, "tether.pools.app.servers[1].public-url: \"ftp://app.example.com\"" + expected),
        at(file, 4, "tether.pools.app.servers[2].public-url: \"https://app.example.com/?x=1\"" + expected),
        at(file, 5, "tether.pools.app.servers[3].public-url: \"https://app.example.com#top\"" + expected),
        at(file, 6, "tether.pools.app.servers[4].public-url: \"https://user:pw@app.example.com\"" + expected),
        at(file, 7, "tether.pools.app.servers[5].public-url: \"https://app.example.com/a b\"" + expected),
        at(file, 8, "tether.pools.app.servers[6].public-url: \"https://\u00e9t\u00e9.example.com\"" + expected),
        at(file, 9, "tether.pools.app.servers[7].public-url: []" + expected));
  }

  @Test
  void manyProblemsAtOnceComeInLineOrder() {
    Path file = files.write(
        POOLS,
        "tether.routes = [",
        "  { prefix = \"/a\", pool = ghost, typo = 1 }",
        "  { prefix = \"/b\" }",
        "  { prefix = \"/c\", path-regex = \"(\", pool = app }",
        "  { prefix = \"/d\", split = [ { pool = app, weight = x } ] }",
        "  { prefix = \"/a\", pool = app }",
        "]",
        "tether.listen = []");

    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.routes[0].typo: unknown key (expected: one of affinity, headers, host, methods, name, "
            + "path, path-regex, pool, prefix, priority, query, redirect, replace-prefix, request-headers, respond, "
            + "response-headers, rewrite, split, strip-prefix, timeouts)"),
        at(file, 3, "tether.routes[0].pool: \"ghost\" (expected: one of app, web)"),
        at(file, 4, "tether.routes[1]: no action " + ACTIONS),
        at(file, 5, "tether.routes[2].path-regex: \"(\" (expected: a valid regular expression; Unclosed group "
            + "at index 1)"),
        at(file, 6, "tether.routes[3].split[0].weight: \"x\" (expected: an integer >= 0)"),
        at(file, 7, "tether.routes[4].prefix: \"/a\" (expected: a host and prefix other than those of routes[0], "
            + "which has no other conditions and so always matches first)"),
        at(file, 9, "tether.listen: [] (expected: a list of at least one host:port)"));
  }
}
