package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.routing.Routes.rule;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionTest {

  private static final int SAMPLES = 10_000;

  /** Share of "a" in percent over 10,000 values produced by {@code values}. */
  private static double percentOfA(Action.Split split, IntUnaryOperator values) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < SAMPLES; i++) {
      counts.merge(split.choose(values.applyAsInt(i)), 1, Integer::sum);
    }
    return 100.0 * counts.getOrDefault("a", 0) / SAMPLES;
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({"50, 50", "90, 10", "1, 1", "9, 1"})
  void splitSharesFollowTheWeightsWithinTwoPoints(int weightA, int weightB) {
    Action.Split split = new Action.Split(java.util.List.of(
        new Action.Share("a", weightA), new Action.Share("b", weightB)));
    double expected = 100.0 * weightA / (weightA + weightB);
    Random random = new Random(42);
    // Small consecutive ints, ints spread over the whole range (as hashes are), and random ints.
    assertThat(percentOfA(split, i -> i)).isCloseTo(expected, org.assertj.core.data.Offset.offset(2.0));
    assertThat(percentOfA(split, i -> Integer.MIN_VALUE + i * 429_497))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(2.0));
    assertThat(percentOfA(split, i -> random.nextInt())).isCloseTo(expected, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void splitIsDeterministicAndSkipsZeroWeights() {
    Action.Split split = new Action.Split(java.util.List.of(
        new Action.Share("off", 0), new Action.Share("a", 3), new Action.Share("b", 1)));
    assertThat(split.choose(0)).isEqualTo("a");
    assertThat(split.choose(2)).isEqualTo("a");
    assertThat(split.choose(3)).isEqualTo("b");
    assertThat(split.choose(4)).isEqualTo("a");
    assertThat(split.choose(-1)).isEqualTo("b");
    assertThat(split.choose(Integer.MIN_VALUE)).isEqualTo("a");
    for (int v = -1000; v < 1000; v++) {
      assertThat(split.choose(v)).isNotEqualTo("off").isEqualTo(split.choose(v));
    }
  }

  @Test
  void redirectTemplatesFillServerPathAndQuery() {
    Action.Redirect redirect = new Action.Redirect(302, "{server}/app{path}{query}", "legacy");
    assertThat(redirect.needsServer()).isTrue();
    assertThat(redirect.location("https://node1.example.com/", "/a/b", "x=1&y=2"))
        .isEqualTo("https://node1.example.com/app/a/b?x=1&y=2");
    assertThat(redirect.location("https://node1.example.com", "/a", null))
        .isEqualTo("https://node1.example.com/app/a");
    assertThat(redirect.location("http://n", "/a", "")).isEqualTo("http://n/app/a");
    assertThatThrownBy(() -> redirect.location(null, "/a", null))
        .hasMessageContaining("server: null (expected:");

    Action.Redirect fixed = new Action.Redirect(308, "https://new.example.com{path}{query}", null);
    assertThat(fixed.needsServer()).isFalse();
    assertThat(fixed.location(null, "/x;jsessionid=1", "q")).isEqualTo("https://new.example.com/x;jsessionid=1?q");
  }

  @Test
  void aRedirectRuleUsesTheRewrittenPath() {
    RouteTable table = Routes.table(
        rule("moved").prefix("/old").replacePrefix("/new").redirect(301, "https://example.com{path}{query}"));
    RouteResult.Routed routed = Routes.routed(table.route(TestRequest.get("h", "/old/a?b=1")));
    Action.Redirect redirect = (Action.Redirect) routed.action();
    assertThat(redirect.status()).isEqualTo(301);
    assertThat(redirect.location(null, routed.forwardPath(), "b=1")).isEqualTo("https://example.com/new/a?b=1");
  }

  @Test
  void aFixedResponseIsPassedThrough() {
    RouteTable table = Routes.table(
        rule("health").path("/healthz").respond(200, "text/plain; charset=utf-8", "ok"),
        rule("gone").prefix("/gone").respond(410, null, null));
    assertThat(Routes.routed(table.route(TestRequest.get("h", "/healthz"))).action())
        .isEqualTo(new Action.Respond(200, "text/plain; charset=utf-8", "ok"));
    assertThat(Routes.routed(table.route(TestRequest.get("h", "/gone/x"))).action())
        .isEqualTo(new Action.Respond(410, null, null));
  }
}
