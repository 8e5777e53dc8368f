package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.routing.Routes.outcome;
import static tether.routing.Routes.rule;
import static tether.routing.Routes.table;

import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static String route(RouteTable table, String host, String target) {
    return outcome(table.route(TestRequest.get(host, target)));
  }

  @Test
  void theMostSpecificHostWinsBeforeTheLongestPrefix() {
    RouteTable table = table(
        rule("any-deep").prefix("/api/v1").forward("a"),
        rule("wild").host("*.example.com").prefix("/api").forward("b"),
        rule("exact").host("api.example.com").prefix("/").forward("c"));
    assertThat(route(table, "api.example.com", "/api/v1/x")).isEqualTo("exact -> /api/v1/x");
    assertThat(route(table, "www.example.com", "/api/v1/x")).isEqualTo("wild -> /api/v1/x");
    assertThat(route(table, "example.org", "/api/v1/x")).isEqualTo("any-deep -> /api/v1/x");
  }

  @Test
  void aWildcardMatchesAnySubDomainDepthButNotTheDomainItself() {
    RouteTable table = table(
        rule("wild").host("*.example.com").forward("w"),
        rule("other").forward("o"));
    assertThat(route(table, "a.example.com", "/")).isEqualTo("wild -> /");
    assertThat(route(table, "a.b.c.example.com", "/")).isEqualTo("wild -> /");
    assertThat(route(table, "example.com", "/")).isEqualTo("other -> /");
    assertThat(route(table, "badexample.com", "/")).isEqualTo("other -> /");
    assertThat(route(table, ".example.com", "/")).isEqualTo("other -> /");
  }

  @Test
  void aWildcardWithMoreLabelsBeatsOneWithFewer() {
    RouteTable table = table(
        rule("short").host("*.example.com").forward("s"),
        rule("long").host("*.eu.example.com").forward("l"));
    assertThat(route(table, "shop.eu.example.com", "/")).isEqualTo("long -> /");
    assertThat(route(table, "shop.us.example.com", "/")).isEqualTo("short -> /");
    assertThat(route(table, "eu.example.com", "/")).isEqualTo("short -> /");
  }

  @Test
  void hostsAreCaseInsensitiveWithoutPortOrTrailingDot() {
    RouteTable table = table(
        rule("exact").host("API.example.com").forward("a"),
        rule("v6").host("[::1]").forward("b"),
        rule("wild").host("*.Example.org").forward("c"));
    assertThat(route(table, "api.EXAMPLE.com:8443", "/")).isEqualTo("exact -> /");
    assertThat(route(table, "api.example.com.", "/")).isEqualTo("exact -> /");
    assertThat(route(table, "api.example.com.:80", "/")).isEqualTo("exact -> /");
    assertThat(route(table, "[::1]:8080", "/")).isEqualTo("v6 -> /");
    assertThat(route(table, "WWW.EXAMPLE.ORG", "/")).isEqualTo("wild -> /");
    assertThat(route(table, "api.example.net", "/")).isEqualTo("404");
  }

  @Test
  void withoutAHostOnlyAnyHostRulesApply() {
    RouteTable table = table(
        rule("exact").host("a.com").forward("a"),
        rule("any").prefix("/x").forward("b"));
    assertThat(route(table, null, "/x")).isEqualTo("any -> /x");
    assertThat(route(table, "", "/x")).isEqualTo("any -> /x");
    assertThat(route(table, null, "/y")).isEqualTo("404");
  }

  @Test
  void prefixesMatchWholeSegments() {
    RouteTable table = table(
        rule("images").prefix("/images/").forward("i"),
        rule("root").prefix("/").forward("r"));
    assertThat(route(table, "h", "/images")).isEqualTo("images -> /images");
    assertThat(route(table, "h", "/images/")).isEqualTo("images -> /images/");
    assertThat(route(table, "h", "/images/a/b")).isEqualTo("images -> /images/a/b");
    assertThat(route(table, "h", "/imagesx")).isEqualTo("root -> /imagesx");
    assertThat(route(table, "h", "/image")).isEqualTo("root -> /image");
    assertThat(route(table, "h", "/")).isEqualTo("root -> /");
  }

  @Test
  void theLongestPrefixWins() {
    RouteTable table = table(
        rule("a").prefix("/a").forward("p"),
        rule("ab").prefix("/a/b").forward("p"),
        rule("abc").prefix("/a/b/c/d").forward("p"));
    assertThat(route(table, "h", "/a/b/c")).isEqualTo("ab -> /a/b/c");
    assertThat(route(table, "h", "/a/bc")).isEqualTo("a -> /a/bc");
    assertThat(route(table, "h", "/a/b/c/d/e")).isEqualTo("abc -> /a/b/c/d/e");
    assertThat(route(table, "h", "/b")).isEqualTo("404");
  }

  @Test
  void amongEqualHostAndPrefixTheFirstWhoseConditionsHoldWins() {
    RouteTable table = table(
        rule("post").prefix("/api").methods("POST").forward("p"),
        rule("beta").prefix("/api").header(HeaderMatch.equalTo("X-Beta", "1")).forward("b"),
        rule("beta-post").prefix("/api").methods("POST").header(HeaderMatch.equalTo("X-Beta", "1")).forward("bp"),
        rule("root").prefix("/").forward("r"));
    assertThat(outcome(table.route(TestRequest.of("POST", "h", "/api").header("x-beta", "1"))))
        .isEqualTo("post -> /api");
    assertThat(outcome(table.route(TestRequest.of("GET", "h", "/api").header("x-beta", "1"))))
        .isEqualTo("beta -> /api");
    assertThat(outcome(table.route(TestRequest.of("GET", "h", "/api/x")))).isEqualTo("root -> /api/x");
  }

  @Test
  void whenNoRuleOfAHostHoldsTheLessSpecificHostsAreTried() {
    RouteTable table = table(
        rule("exact-api").host("a.example.com").prefix("/api").methods("GET").forward("e"),
        rule("wild").host("*.example.com").prefix("/api/v2").forward("w"),
        rule("any").prefix("/api").forward("x"));
    assertThat(outcome(table.route(TestRequest.of("GET", "a.example.com", "/api/v2")))).isEqualTo("exact-api -> /api/v2");
    assertThat(outcome(table.route(TestRequest.of("PUT", "a.example.com", "/api/v2")))).isEqualTo("wild -> /api/v2");
    assertThat(outcome(table.route(TestRequest.of("PUT", "a.example.com", "/api/v1")))).isEqualTo("any -> /api/v1");
  }

  @Test
  void declarationOrderBreaksTiesBetweenRulesWithConditions() {
    RouteTable table = table(
        rule("first").prefix("/x").header(HeaderMatch.present("a")).forward("1"),
        rule("second").prefix("/x").header(HeaderMatch.present("b")).forward("2"));
    TestRequest both = TestRequest.get("h", "/x").header("A", "1").header("B", "1");
    assertThat(outcome(table.route(both))).isEqualTo("first -> /x");
    assertThat(outcome(table.route(TestRequest.get("h", "/x").header("B", "1")))).isEqualTo("second -> /x");
  }

  @Test
  void anExplicitPriorityOverridesHostAndPrefix() {
    RouteTable table = table(
        rule("exact").host("a.com").prefix("/deep/path").forward("e"),
        rule("low").priority(1).header(HeaderMatch.present("x-maint")).respond(503, "text/plain", "maintenance"),
        rule("high").priority(5).prefix("/deep").header(HeaderMatch.equalTo("x-maint", "hard")).forward("h"),
        rule("low-too").priority(1).header(HeaderMatch.present("x-maint")).forward("never"));
    assertThat(outcome(table.route(TestRequest.get("a.com", "/deep/path")))).isEqualTo("exact -> /deep/path");
    assertThat(outcome(table.route(TestRequest.get("a.com", "/deep/path").header("x-maint", "soft"))))
        .isEqualTo("low -> /deep/path");
    assertThat(outcome(table.route(TestRequest.get("a.com", "/deep/path").header("x-maint", "hard"))))
        .isEqualTo("high -> /deep/path");
    assertThat(outcome(table.route(TestRequest.get("a.com", "/other").header("x-maint", "hard"))))
        .isEqualTo("low -> /other");
  }

  @Test
  void priorityOrderHoldsAcrossTheWholeIntRange() {
    RouteTable table = table(
        rule("min").priority(Integer.MIN_VALUE).forward("a"),
        rule("max").priority(Integer.MAX_VALUE).forward("b"),
        rule("zero").priority(0).forward("c"),
        rule("plain").forward("d"));
    assertThat(route(table, "h", "/")).isEqualTo("max -> /");
  }

  @Test
  void priorityRulesStillNeedTheirHostAndPrefix() {
    RouteTable table = table(
        rule("p").priority(10).host("*.b.com").prefix("/p").forward("p"),
        rule("rest").forward("r"));
    assertThat(route(table, "x.b.com", "/p/q")).isEqualTo("p -> /p/q");
    assertThat(route(table, "b.com", "/p/q")).isEqualTo("rest -> /p/q");
    assertThat(route(table, "x.b.com", "/pq")).isEqualTo("rest -> /pq");
  }

  @Test
  void anExactPathDefaultsItsPrefixToItself() {
    RouteTable table = table(
        rule("prefix").prefix("/a").forward("p"),
        rule("exact").path("/a/b").forward("e"));
    assertThat(route(table, "h", "/a/b")).isEqualTo("exact -> /a/b");
    assertThat(route(table, "h", "/a/b;jsessionid=1")).isEqualTo("exact -> /a/b;jsessionid=1");
    assertThat(route(table, "h", "/a/b/")).isEqualTo("prefix -> /a/b/");
    assertThat(route(table, "h", "/a/b/c")).isEqualTo("prefix -> /a/b/c");
  }

  @Test
  void aPathRegexIsSearchedInTheNormalisedPath() {
    RouteTable table = table(
        rule("numeric").prefix("/u").pathRegex("^/u/\\d+$").forward("n"),
        rule("png").pathRegex("\\.png$").forward("i"),
        rule("rest").prefix("/u").forward("r"));
    assertThat(route(table, "h", "/u/42")).isEqualTo("numeric -> /u/42");
    assertThat(route(table, "h", "/u/%34%32")).isEqualTo("numeric -> /u/42");
    assertThat(route(table, "h", "/u/42;jsessionid=A")).isEqualTo("numeric -> /u/42;jsessionid=A");
    assertThat(route(table, "h", "/u/ab")).isEqualTo("rest -> /u/ab");
    assertThat(route(table, "h", "/x/cat.png")).isEqualTo("png -> /x/cat.png");
    assertThat(route(table, "h", "/x/cat.png/")).isEqualTo("404");
  }

  @Test
  void methodsAreASetAndCaseIsNormalisedInTheRule() {
    RouteTable table = table(
        rule("write").methods("post", "PUT").forward("w"),
        rule("read").methods("GET", "HEAD").forward("r"));
    assertThat(outcome(table.route(TestRequest.of("POST", "h", "/")))).isEqualTo("write -> /");
    assertThat(outcome(table.route(TestRequest.of("PUT", "h", "/")))).isEqualTo("write -> /");
    assertThat(outcome(table.route(TestRequest.of("HEAD", "h", "/")))).isEqualTo("read -> /");
    assertThat(outcome(table.route(TestRequest.of("DELETE", "h", "/")))).isEqualTo("404");
    assertThat(outcome(table.route(TestRequest.of("get", "h", "/")))).isEqualTo("404");
    assertThat(outcome(table.route(TestRequest.of(null, "h", "/")))).isEqualTo("404");
  }

  @Test
  void headerConditionsEqualMatchOrArePresent() {
    RouteTable table = table(
        rule("eq").header(HeaderMatch.equalTo("X-Tenant", "blue")).forward("1"),
        rule("re").header(HeaderMatch.matching("user-agent", "(?i)mobile")).forward("2"),
        rule("present").header(HeaderMatch.present("X-Debug")).forward("3"));
    assertThat(outcome(table.route(TestRequest.get("h", "/").header("x-tenant", "blue")))).isEqualTo("eq -> /");
    assertThat(outcome(table.route(TestRequest.get("h", "/").header("x-tenant", "Blue")))).isEqualTo("404");
    assertThat(outcome(table.route(TestRequest.get("h", "/").header("User-Agent", "Foo Mobile/1"))))
        .isEqualTo("re -> /");
    assertThat(outcome(table.route(TestRequest.get("h", "/").header("x-debug", "")))).isEqualTo("present -> /");
    assertThat(outcome(table.route(TestRequest.get("h", "/")))).isEqualTo("404");
  }

  @Test
  void queryConditionsAreCheckedOnTheFirstOccurrenceAfterDecoding() {
    RouteTable table = table(
        rule("eq").query(QueryMatch.equalTo("v", "a b/é")).forward("1"),
        rule("present").query(QueryMatch.present("debug")).forward("2"));
    assertThat(route(table, "h", "/?x=1&v=a+b%2F%C3%A9")).isEqualTo("eq -> /");
    assertThat(route(table, "h", "/?v=a%20b/%c3%a9&x")).isEqualTo("eq -> /");
    assertThat(route(table, "h", "/?v=other&v=a+b%2F%C3%A9")).isEqualTo("404");
    assertThat(route(table, "h", "/?debug")).isEqualTo("present -> /");
    assertThat(route(table, "h", "/?debug=")).isEqualTo("present -> /");
    assertThat(route(table, "h", "/?a=1&debug=0")).isEqualTo("present -> /");
    assertThat(route(table, "h", "/?debugx=1&xdebug=1&=debug")).isEqualTo("404");
    assertThat(route(table, "h", "/?v=%zz")).isEqualTo("404");
    assertThat(route(table, "h", "/")).isEqualTo("404");
  }

  @Test
  void theQueryAndHeadersAreOnlyReadWhenACandidateRuleNeedsThem() {
    RouteTable table = table(
        rule("q").prefix("/q").query(QueryMatch.present("x")).forward("q"),
        rule("h").prefix("/h").header(HeaderMatch.present("x")).forward("h"),
        rule("plain").prefix("/").forward("p"));
    TestRequest plain = TestRequest.get("h", "/plain?x=1");
    assertThat(outcome(table.route(plain))).isEqualTo("plain -> /plain");
    assertThat(plain.queryReads).hasValue(0);
    assertThat(plain.headerReads).hasValue(0);

    TestRequest query = TestRequest.get("h", "/q?x=1");
    assertThat(outcome(table.route(query))).isEqualTo("q -> /q");
    assertThat(query.queryReads).hasValue(1);
  }

  @Test
  void emptyTableRoutesNothing() {
    assertThat(RouteTable.empty().route(TestRequest.get("h", "/"))).isEqualTo(RouteResult.NO_ROUTE);
    assertThat(RouteTable.empty().route(TestRequest.get("h", "//"))).isInstanceOf(RouteResult.BadPath.class);
  }

  @Test
  void referencedPoolsListsEveryPoolOnce() {
    RouteTable table = table(
        rule("f").prefix("/f").forward("web"),
        rule("s").prefix("/s").split(new Action.Share("web", 1), new Action.Share("canary", 0)),
        rule("r").prefix("/r").redirect(302, "{server}{path}", "legacy"),
        rule("r2").prefix("/r2").redirect(301, "https://x.example.com{path}"),
        rule("x").prefix("/x").respond(404, "text/plain", "no"));
    assertThat(table.referencedPools()).containsExactly("web", "canary", "legacy");
    assertThat(table.rules()).extracting(RuleSpec::name).containsExactly("f", "s", "r", "r2", "x");
  }

  @Test
  void aRoutedResultCarriesTheRuleAsWritten() {
    RouteTable table = table(
        rule("a").forward("a").affinity("cookie")
            .timeout("response", java.time.Duration.ofSeconds(30))
            .requestHeader(HeaderOp.set("X-Env", "prod"))
            .responseHeader(HeaderOp.remove("Server")));
    RouteResult.Routed routed = Routes.routed(table.route(TestRequest.get("h", "/")));
    assertThat(routed.ruleIndex()).isZero();
    assertThat(routed.action()).isEqualTo(new Action.Forward("a"));
    assertThat(routed.rule().affinity()).isEqualTo("cookie");
    assertThat(routed.rule().timeouts()).containsEntry("response", java.time.Duration.ofSeconds(30));
    assertThat(routed.rule().requestHeaders()).containsExactly(HeaderOp.set("X-Env", "prod"));
    assertThat(routed.rule().responseHeaders()).containsExactly(HeaderOp.remove("Server"));
  }

  @Test
  void theReadmeExampleWorksAsDescribed() {
    RouteTable table = RouteTable.compile(java.util.List.of(
        RuleSpec.builder().name("api").host("api.example.com").prefix("/v1").stripPrefix().forward("api").build(),
        RuleSpec.builder().name("shops").host("*.shop.example.com").forward("shop").affinity("cookie").build(),
        RuleSpec.builder().name("canary").prefix("/app").split(new Action.Share("blue", 90), new Action.Share("green", 10)).build(),
        RuleSpec.builder().name("old").prefix("/old").replacePrefix("/app").redirect(301, "https://www.example.com{path}{query}").build(),
        RuleSpec.builder().name("health").path("/healthz").respond(200, "text/plain", "ok").build()));
    assertThat(table.referencedPools()).containsExactly("api", "shop", "blue", "green");
    assertThat(route(table, "api.example.com", "/v1/users")).isEqualTo("api -> /users");
    assertThat(route(table, "eu.shop.example.com", "/cart")).isEqualTo("shops -> /cart");
    assertThat(route(table, "www.example.com", "/old/page")).isEqualTo("old -> /app/page");
    assertThat(route(table, "www.example.com", "/healthz")).isEqualTo("health -> /healthz");
    assertThat(route(table, "www.example.com", "/healthz/x")).isEqualTo("404");
  }
}
