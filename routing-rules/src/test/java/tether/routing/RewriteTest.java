package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.routing.Routes.outcome;
import static tether.routing.Routes.rule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriteTest {

  private static final RouteTable TABLE = Routes.table(
      rule("strip").prefix("/api/v1").stripPrefix().forward("p"),
      rule("replace").prefix("/old").replacePrefix("/new/").forward("p"),
      rule("to-root").prefix("/legacy").replacePrefix("/").forward("p"),
      rule("users").prefix("/u").rewrite("^/u/(\\d+)$", "/users/$1/profile").forward("p"),
      rule("strip-regex").prefix("/shop").stripPrefix().rewrite("^/item-(\\w+)", "/items/$1").forward("p"),
      rule("escape").prefix("/esc").rewrite("^/esc/(.*)$", "/\\$$1").forward("p"),
      rule("broken").prefix("/broken").rewrite("^/broken/(.*)$", "/$1/../..").forward("p"),
      rule("empty").prefix("/empty").rewrite("^.*$", "").forward("p"),
      rule("root-replace").prefix("/").replacePrefix("/site").forward("p"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/api/v1/users          | strip -> /users",
      "/api/v1                | strip -> /",
      "/api/v1/               | strip -> /",
      "/api/v1;jsessionid=A   | strip -> /;jsessionid=A",
      "/api/v1/a;jsessionid=A | strip -> /a;jsessionid=A",
      "/api;x/v1;y/a          | strip -> /a",
      "/old                   | replace -> /new",
      "/old/a/b               | replace -> /new/a/b",
      "/old/                  | replace -> /new/",
      "/old;jsessionid=B      | replace -> /new;jsessionid=B",
      "/legacy/a              | to-root -> /a",
      "/legacy                | to-root -> /",
      "/u/42                  | users -> /users/42/profile",
      "/u/42;jsessionid=C     | users -> /users/42/profile;jsessionid=C",
      "/u;x=1/42              | users -> /users/42/profile",
      "/u/abc;jsessionid=C    | users -> /u/abc;jsessionid=C",
      "/shop/item-7/details   | strip-regex -> /items/7/details",
      "/shop/other            | strip-regex -> /other",
      "/esc/a                 | escape -> /$a",
      "/broken/x              | 400: the rewrite of rule 6 (broken) made an invalid path",
      "/empty/x               | 400: the rewrite of rule 7 (empty) made an invalid path",
      "/x                     | root-replace -> /site/x",
      "/                      | root-replace -> /site/",
  })
  void theForwardedPathIsTheMatchedPathRewritten(String rawPath, String expected) {
    assertThat(outcome(TABLE.route(TestRequest.get("h", rawPath)))).isEqualTo(expected);
  }
}
