package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.routing.Routes.outcome;
import static tether.routing.Routes.rule;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tether.routing.NormalizedPath.Invalid;

/**
 * Paths on which a proxy and a server could disagree, each with the route and forwarded path it
 * gets, or the reason it is refused with 400.
 */
class TrickyPathsTest {

  private static final RouteTable TABLE = Routes.table(
      rule("images").prefix("/images").forward("images"),
      rule("admin").prefix("/admin").forward("admin"),
      rule("static").prefix("/static").stripPrefix().forward("cdn"),
      rule("web").prefix("/").forward("web"));

  static Stream<Arguments> paths() {
    return Stream.of(
        // segments
        routes("/images", "images -> /images"),
        routes("/images/", "images -> /images/"),
        routes("/images/a", "images -> /images/a"),
        routes("/imagesx", "web -> /imagesx"),
        routes("/IMAGES/a", "web -> /IMAGES/a"),
        // dot segments resolve before matching, and what is matched is what is forwarded
        routes("/images/../admin", "admin -> /admin"),
        routes("/./images", "images -> /images"),
        routes("/admin/../images/x", "images -> /images/x"),
        routes("/images/a/..", "images -> /images/"),
        routes("/images/a/.", "images -> /images/a/"),
        routes("/images/.well-known", "images -> /images/.well-known"),
        routes("/images/...", "images -> /images/..."),
        refused("/a/b/../../..", PathNormalizer.ABOVE_ROOT),
        refused("/..", PathNormalizer.ABOVE_ROOT),
        // encodings
        routes("/%69mages/a", "images -> /images/a"),
        routes("/images/%41%7e", "images -> /images/A~"),
        routes("/images/%3f%3b", "images -> /images/%3F%3B"),
        routes("/images/a%20b", "images -> /images/a%20b"),
        routes("/images/%C3%A4", "images -> /images/%C3%A4"),
        routes("/images/%252e%252e/admin", "images -> /images/%252e%252e/admin"),
        refused("/images/..%2fadmin", PathNormalizer.ENCODED_SLASH),
        refused("/images%2Fa", PathNormalizer.ENCODED_SLASH),
        refused("/images/a/..%2F", PathNormalizer.ENCODED_SLASH),
        refused("/images%5c..%5cadmin", PathNormalizer.ENCODED_BACKSLASH),
        refused("/images/%2e%2e/admin", PathNormalizer.ENCODED_DOT_SEGMENT),
        refused("/images/.%2e/admin", PathNormalizer.ENCODED_DOT_SEGMENT),
        refused("/images/%2E./admin", PathNormalizer.ENCODED_DOT_SEGMENT),
        refused("/images/%2e/admin", PathNormalizer.ENCODED_DOT_SEGMENT),
        refused("/images%00", PathNormalizer.ENCODED_CONTROL),
        refused("/images/%7F", PathNormalizer.ENCODED_CONTROL),
        refused("/images/%0d%0aX:y", PathNormalizer.ENCODED_CONTROL),
        refused("/images/%zz", PathNormalizer.BAD_PERCENT),
        refused("/images/%", PathNormalizer.BAD_PERCENT),
        refused("/images/%4", PathNormalizer.BAD_PERCENT),
        refused("/images/%4/", PathNormalizer.BAD_PERCENT),
        // raw characters
        refused("/images\\x", PathNormalizer.RAW_BACKSLASH),
        refused("/images\u0000", PathNormalizer.CONTROL),
        refused("/images/\t", PathNormalizer.CONTROL),
        refused("/images/a b", PathNormalizer.DISALLOWED),
        refused("/images/a#frag", PathNormalizer.DISALLOWED),
        refused("/images/<script>", PathNormalizer.DISALLOWED),
        refused("/\u00e4", PathNormalizer.NON_ASCII),
        refused("/images/\u2215admin", PathNormalizer.NON_ASCII),
        // structure
        refused("//images", PathNormalizer.EMPTY_SEGMENT),
        refused("/images//a", PathNormalizer.EMPTY_SEGMENT),
        refused("/a/;x/b", PathNormalizer.EMPTY_SEGMENT),
        refused("images/a", PathNormalizer.NOT_ABSOLUTE),
        refused("", PathNormalizer.NOT_ABSOLUTE),
        refused("*", PathNormalizer.NOT_ABSOLUTE),
        refused("/images/" + "a".repeat(PathNormalizer.DEFAULT_MAX_LENGTH), PathNormalizer.TOO_LONG),
        routes("/images/" + "a".repeat(PathNormalizer.DEFAULT_MAX_LENGTH - 8), "images -> /images/"
            + "a".repeat(PathNormalizer.DEFAULT_MAX_LENGTH - 8)),
        // path parameters: ignored for matching, kept when forwarding
        routes("/images;jsessionid=X/a", "images -> /images;jsessionid=X/a"),
        routes("/images/a;b/c;d=1", "images -> /images/a;b/c;d=1"),
        routes("/images/;jsessionid=X", "images -> /images/;jsessionid=X"),
        routes("/images;/../admin", "admin -> /admin"),
        refused("/images/..;/admin", PathNormalizer.DOT_SEGMENT_PARAMS),
        refused("/images/.;x/admin", PathNormalizer.DOT_SEGMENT_PARAMS),
        // strip-prefix keeps the last segment's parameters, drops those of stripped segments
        routes("/static/app.js;v=2", "static -> /app.js;v=2"),
        routes("/static;v=1/app.js", "static -> /app.js"),
        routes("/static;jsessionid=X", "static -> /;jsessionid=X"),
        routes("/static/..", "web -> /"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("paths")
  void eachTrickyPathHasOneOutcome(String rawPath, String expected) {
    assertThat(outcome(TABLE.route(TestRequest.get("example.com", rawPath)))).isEqualTo(expected);
  }

  private static Arguments routes(String rawPath, String expected) {
    return Arguments.of(rawPath, expected);
  }

  private static Arguments refused(String rawPath, Invalid reason) {
    return Arguments.of(rawPath, "400: " + reason.reason());
  }
}
