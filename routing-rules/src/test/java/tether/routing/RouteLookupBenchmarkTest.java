package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark measures what it claims: 10,000 rules, and its requests land where intended. */
class RouteLookupBenchmarkTest {

  @Test
  void theBenchmarkRequestsHitTheIntendedRules() {
    RouteLookupBenchmark benchmark = new RouteLookupBenchmark();
    benchmark.rules = 10_000;
    benchmark.setUp();
    String[] expected = {"api-v -> /users/42", "cdn -> /static/css/site.css", "web -> /index.html",
        "cart -> /shop/cart/items/3", "account -> /account;jsessionid=ABC123.node1/settings",
        "svc-beta -> /svc", "svc -> /svc", "404"};
    for (int i = 0; i < 64; i++) {
      RouteResult result = benchmark.route();
      String outcome = result instanceof RouteResult.Routed routed
          ? ((Action.Forward) routed.action()).pool() + " -> " + routed.forwardPath()
          : Routes.outcome(result);
      assertThat(outcome).startsWith(expected[i % 8]);
    }
    assertThat(benchmark.table().rules()).hasSize(10_000);
  }
}
