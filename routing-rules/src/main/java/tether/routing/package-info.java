/**
 * Host and URI-prefix routing rules, compiled into an immutable table. Knows nothing of Undertow or
 * Jetty, so it compiles and tests without a server.
 *
 * <p>Start with {@link tether.routing.RuleSpec} (one rule as written, built with its builder) and
 * {@link tether.routing.RouteTable} ({@code compile} a list of rules, then {@code route} a
 * {@link tether.routing.RouteRequest} to a {@link tether.routing.RouteResult}). The proxy keeps the
 * live table in a {@link tether.routing.RouteTableHolder} and swaps it on reload.
 * {@link tether.routing.PathNormalizer} decides which paths are safe to route at all. The order of
 * precedence between rules is written down in this module's README.md.
 */
package tether.routing;
