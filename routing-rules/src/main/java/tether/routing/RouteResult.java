package tether.routing;

/**
 * The outcome of {@link RouteTable#route}: immutable, so a request keeps its route even if the table
 * is replaced while it is in flight.
 */
public sealed interface RouteResult permits RouteResult.Routed, RouteResult.NoRoute, RouteResult.BadPath {

  /** No rule matched: the caller answers 404. */
  NoRoute NO_ROUTE = new NoRoute();

  /**
   * A rule matched.
   *
   * @param ruleIndex   the rule's position in the list the table was compiled from
   * @param rule        the rule as written, with its action, affinity, timeouts and header edits
   * @param forwardPath the normalised path after the rule's rewrites: send this upstream (and put it
   *                    in a redirect's {@code {path}}), followed by the request's raw query
   */
  record Routed(int ruleIndex, RuleSpec rule, String forwardPath) implements RouteResult {
    public Action action() {
      return rule.action();
    }
  }

  /** No rule matched. */
  record NoRoute() implements RouteResult {}

  /**
   * The path is one on which the proxy and a server could disagree, or a rewrite made it invalid:
   * the caller answers 400 and does not forward.
   */
  record BadPath(String reason) implements RouteResult {}
}
