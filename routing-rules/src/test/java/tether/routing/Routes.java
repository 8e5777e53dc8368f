package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Shortcuts for tests: compile rules and describe a result in one string. */
final class Routes {

  private Routes() {}

  static RouteTable table(RuleSpec.Builder... rules) {
    return RouteTable.compile(List.of(rules).stream().map(RuleSpec.Builder::build).toList());
  }

  static RuleSpec.Builder rule(String name) {
    return RuleSpec.builder().name(name);
  }

  /** {@code name -> forwardPath}, {@code 404}, or {@code 400: reason}. */
  static String outcome(RouteResult result) {
    if (result instanceof RouteResult.Routed routed) {
      return routed.rule().name() + " -> " + routed.forwardPath();
    }
    return result instanceof RouteResult.BadPath bad ? "400: " + bad.reason() : "404";
  }

  static RouteResult.Routed routed(RouteResult result) {
    assertThat(result).isInstanceOf(RouteResult.Routed.class);
    return (RouteResult.Routed) result;
  }
}
