package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static tether.routing.Routes.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private static List<String> errorsOf(RuleSpec... rules) {
    RouteTableException e = catchThrowableOfType(RouteTableException.class,
        () -> RouteTable.compile(new ArrayList<>(Arrays.asList(rules))));
    assertThat(e).as("compile should fail").isNotNull();
    assertThat(e.getMessage()).contains(e.errors().get(0));
    return e.errors();
  }

  @Test
  void everyErrorOfEveryRuleIsReportedAtOnceNamingItsRule() {
    List<String> errors = errorsOf(
        rule("ok").forward("web").build(),
        rule("api").prefix("api").pathRegex("(").forward("").build(),
        rule(null).host("a.com:80").redirect(300, "{server}{path}").build(),
        rule("split").prefix("/s").split(new Action.Share("a", 0), new Action.Share("b", 0)).build());
    assertThat(errors).containsExactly(
        "rule 1 (api): prefix: \"api\" (expected: a path starting with /, in normal form; but the path does not start with /)",
        "rule 1 (api): path-regex: \"(\" (expected: a valid regular expression; Unclosed group at index 1)",
        "rule 1 (api): forward: \"\" (expected: a pool name)",
        "rule 2: host: \"a.com:80\" (expected: " + HostNames.EXPECTED + ")",
        "rule 2: redirect.status: 300 (expected: one of 301, 302, 303, 307, 308)",
        "rule 2: redirect.pool: null (expected: a pool name)",
        "rule 3 (split): split: 2 shares, total weight 0 (expected: at least one share with weight > 0)");
  }

  @Test
  void hostsPathsAndPrefixesMustBeInNormalForm() {
    assertThat(errorsOf(
        rule("a").host("*.").forward("p").build(),
        rule("b").host("a*.com").forward("p").build(),
        rule("c").prefix("/a/../b").forward("p").build(),
        rule("d").prefix("/a;x").forward("p").build(),
        rule("e").path("/%7e").forward("p").build(),
        rule("f").prefix("/a").path("/b").forward("p").build(),
        rule("g").prefix("//").forward("p").build()))
        .containsExactly(
            "rule 0 (a): host: \"*.\" (expected: " + HostNames.EXPECTED + ")",
            "rule 1 (b): host: \"a*.com\" (expected: " + HostNames.EXPECTED + ")",
            "rule 2 (c): prefix: \"/a/../b\" (expected: its normal form \"/b\")",
            "rule 3 (d): prefix: \"/a;x\" (expected: a path without ;parameters)",
            "rule 4 (e): path: \"/%7e\" (expected: its normal form \"/~\")",
            "rule 5 (f): path: \"/b\" (expected: a path under the prefix /a, or the rule never matches)",
            "rule 6 (g): prefix: \"//\" (expected: a path starting with /, in normal form; "
                + "but the path contains an empty segment (//))");
  }

  @Test
  void actionsAreChecked() {
    assertThat(errorsOf(
        rule("none").build(),
        rule("empty-split").prefix("/1").split().build(),
        rule("neg").prefix("/2").split(new Action.Share("a", -1), new Action.Share("a", 2)).build(),
        rule("placeholder").prefix("/3").redirect(302, "https://x{host}{path}").build(),
        rule("query").prefix("/4").redirect(302, "/x?{query}").build(),
        rule("no-server").prefix("/5").redirect(302, "/x{path}", "pool").build(),
        rule("respond").prefix("/6").respond(99, null, "body").build(),
        rule("huge").prefix("/7").split(new Action.Share("a", Integer.MAX_VALUE), new Action.Share("b", 1)).build()))
        .containsExactly(
            "rule 0 (none): action: null (expected: one of forward, split, redirect, respond)",
            "rule 1 (empty-split): split: 0 shares, total weight 0 (expected: at least one share with weight > 0)",
            "rule 2 (neg): split[0].weight: -1 (expected: >= 0)",
            "rule 2 (neg): split[1].pool: \"a\" (expected: each pool once per split)",
            "rule 3 (placeholder): redirect.location: \"https://x{host}{path}\" "
                + "(expected: only the placeholders {server}, {path} and {query})",
            "rule 4 (query): redirect.location: \"/x?{query}\" "
                + "(expected: {query} without a ? before it: it brings its own when the request has a query)",
            "rule 5 (no-server): redirect.pool: \"pool\" (expected: none, since the location has no {server})",
            "rule 6 (respond): respond.status: 99 (expected: 200 to 599)",
            "rule 6 (respond): respond.content-type: null (expected: a media type such as text/plain, needed with a body)",
            "rule 7 (huge): split: total weight 2147483648 (expected: <= 2147483647)");
  }

  @Test
  void conditionsRewritesAndPassThroughValuesAreChecked() {
    assertThat(errorsOf(
        rule("m").methods("GE T").header(HeaderMatch.equalTo("bad name", "x"))
            .header(new HeaderMatch("x", "a", "b")).query(QueryMatch.present("")).forward("p").build(),
        rule("r").prefix("/r").stripPrefix().replacePrefix("/x").rewrite("^/(a)$", "/$2").forward("p").build(),
        rule("t").prefix("/t").affinity(" ").timeout("connect", Duration.ofSeconds(-1))
            .requestHeader(HeaderOp.set("X-A", "1\r\nInjected: yes")).responseHeader(new HeaderOp(HeaderOp.Kind.REMOVE, "X", "v"))
            .forward("p").build()))
        .containsExactly(
            "rule 0 (m): methods: \"GE T\" (expected: HTTP method names such as GET or POST)",
            "rule 0 (m): headers[0].name: \"bad name\" (expected: a header name)",
            "rule 0 (m): headers[1].regex: \"b\" (expected: either equals or regex, not both)",
            "rule 0 (m): query[0].name: \"\" (expected: a parameter name)",
            "rule 1 (r): replace-prefix: \"/x\" (expected: not together with strip-prefix)",
            "rule 1 (r): rewrite.replacement: \"/$2\" (expected: a replacement whose $ refers to groups $0 to $1"
                + " (write \\$ for a literal $))",
            "rule 2 (t): affinity: \" \" (expected: the name of an affinity policy, or none)",
            "rule 2 (t): timeouts.connect: PT-1S (expected: a duration >= 0)",
            "rule 2 (t): request-headers[0].value: \"1\r\nInjected: yes\" (expected: a value without control characters)",
            "rule 2 (t): response-headers[0].value: \"v\" (expected: no value for remove)");
  }

  @Test
  void namesAreUniqueAndRulesCannotHideBehindACatchAll() {
    assertThat(errorsOf(
        rule("a").host("X.com").prefix("/p").forward("p").build(),
        rule("a").host("x.com").prefix("/p/").header(HeaderMatch.present("h")).forward("q").build(),
        null))
        .containsExactly(
            "rule 2: null (expected: a rule)",
            "rule 1 (a): name: \"a\" (expected: a name not used by rule 0 (a))",
            "rule 1 (a): prefix: \"/p\" (expected: a host and prefix other than those of rule 0 (a), "
                + "which has no other conditions and so always matches first)");
  }

  @Test
  void aValidListCompiles() {
    RouteTable table = RouteTable.compile(List.of(
        rule("a").host("*.example.com").prefix("/api").methods("GET").forward("p").build(),
        rule("b").host("*.example.com").prefix("/api").forward("p").build(),
        rule("c").priority(3).forward("p").build(),
        rule("d").priority(3).forward("p").build()));
    assertThat(table.rules()).hasSize(4);
  }
}
