package tether.stickiness.appsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;
import tether.stickiness.TestPool;
import tether.stickiness.TestRequest;

class RouteSuffixStrategyTest {

  private final TestPool pool = new TestPool("app1", "app2").route("node7", "app1");
  private final RouteSuffixStrategy dot = new RouteSuffixStrategy(RouteSuffixConfig.defaults());
  private final RouteSuffixStrategy bang =
      new RouteSuffixStrategy(RouteSuffixConfig.builder().separator('!').build());

  @Test
  void readsTheRouteAfterTheLastDotOfTheSessionCookie() {
    Resolution resolution = dot.resolve(cookie("8F3A0C1.app2"), pool);
    assertThat(resolution.outcome()).isEqualTo(Outcome.VALID);
    assertThat(resolution.strategy()).isEqualTo("route-suffix");
    assertThat(resolution.serverId()).isEqualTo("app2");
    assertThat(dot.resolve(cookie("node0abc.x.node7"), pool).serverId()).isEqualTo("app1");
  }

  @Test
  void readsTheRouteAfterABang() {
    assertThat(bang.resolve(cookie("8F3A0C1!app2"), pool).serverId()).isEqualTo("app2");
    assertThat(bang.resolve(cookie("8F3A.0C1!app1"), pool).serverId()).isEqualTo("app1");
    Resolution noSuffix = Resolution.none("route-suffix", "no route suffix");
    assertThat(bang.resolve(cookie("8F3A0C1.app2"), pool)).isEqualTo(noSuffix);
    assertThat(dot.resolve(cookie("8F3A0C1!app2"), pool)).isEqualTo(noSuffix);
  }

  @Test
  void anUnknownRouteIsInvalid() {
    assertThat(dot.resolve(cookie("8F3A0C1.app9"), pool))
        .isEqualTo(Resolution.invalid("route-suffix", "unknown route"));
  }

  @Test
  void noSuffixOrNoIdIsNone() {
    assertThat(dot.resolve(cookie("8F3A0C1"), pool).reason()).isEqualTo("no route suffix");
    assertThat(dot.resolve(cookie("8F3A0C1."), pool).reason()).isEqualTo("no route suffix");
    assertThat(dot.resolve(cookie(""), pool).reason()).isEqualTo("no session id");
    assertThat(dot.resolve(TestRequest.get("/"), pool)).isEqualTo(Resolution.none("route-suffix", "no session id"));
  }

  @Test
  void readsThePathParameterWhereverItEnds() {
    assertThat(dot.resolve(TestRequest.get("/cart;jsessionid=8F3A.app1"), pool).serverId()).isEqualTo("app1");
    assertThat(dot.resolve(TestRequest.get("/a;jsessionid=8F3A.app2/b"), pool).serverId()).isEqualTo("app2");
    assertThat(dot.resolve(TestRequest.get("/a;jsessionid=8F3A.app2;v=1"), pool).serverId()).isEqualTo("app2");
    assertThat(dot.resolve(TestRequest.get("/a;jsessionid="), pool).reason()).isEqualTo("no session id");
    assertThat(dot.resolve(TestRequest.get("/a;JSESSIONID=8F3A.app2"), pool).reason()).isEqualTo("no session id");
  }

  @Test
  void theCookieWinsOverThePathParameter() {
    TestRequest both = TestRequest.get("/cart;jsessionid=8F3A.app1").cookie("JSESSIONID", "77EE.app2");
    assertThat(dot.resolve(both, pool).serverId()).isEqualTo("app2");
  }

  @Test
  void readsConfiguredCookiesInOrderAndQueryParameters() {
    RouteSuffixStrategy custom = new RouteSuffixStrategy(RouteSuffixConfig.builder()
        .cookieNames(List.of("SESSION", "JSESSIONID")).pathParameter(null).queryParameters(List.of("sid")).build());
    TestRequest both = TestRequest.get("/").cookie("JSESSIONID", "1.app1").cookie("SESSION", "2.app2");
    assertThat(custom.resolve(both, pool).serverId()).isEqualTo("app2");
    assertThat(custom.resolve(TestRequest.get("/x;jsessionid=1.app1"), pool).reason()).isEqualTo("no session id");
    assertThat(custom.resolve(TestRequest.get("/").query("a=1&sid=9F.app1&b=2"), pool).serverId()).isEqualTo("app1");
  }

  @Test
  void quotedCookieValuesAreRead() {
    assertThat(dot.resolve(cookie("\"8F3A.app2\""), pool).serverId()).isEqualTo("app2");
  }

  @Test
  void resolutionsCarryAFingerprintNotTheSessionId() {
    Resolution resolution = dot.resolve(cookie("8F3A0C1.app2"), pool);
    assertThat(resolution.sessionId()).isEqualTo(StableHash.fingerprint("8F3A0C1.app2")).doesNotContain("8F3A");
  }

  @Test
  void rejectsBadConfig() {
    assertThatThrownBy(() -> RouteSuffixConfig.builder().separator('-').build())
        .hasMessage("separator: - (expected: . or !)");
    assertThatThrownBy(() -> RouteSuffixConfig.builder().cookieNames(List.of("a b")).build())
        .hasMessage("cookieNames: [a b] (expected: RFC 6265 cookie names)");
    assertThatThrownBy(() -> RouteSuffixConfig.builder().cookieNames(List.of()).pathParameter(null).build())
        .hasMessage("cookieNames: [] (expected: at least one cookie, path or query parameter)");
    assertThatThrownBy(() -> RouteSuffixConfig.builder().queryParameters(List.of("a&b")).build())
        .hasMessage("queryParameters: [a&b] (expected: names without = & ; / ? # or spaces)");
  }

  private static TestRequest cookie(String value) {
    return TestRequest.get("/").cookie("JSESSIONID", value);
  }
}
