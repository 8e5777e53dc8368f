/**
 * Session affinity: reading which server holds a session from a request, and writing affinity on the
 * response. Knows nothing of Undertow or Jetty, so it compiles and tests without a server.
 *
 * <p>Start with {@link tether.stickiness.AffinityChain}: the proxy builds one per route from
 * {@link tether.stickiness.AffinityStrategy} instances, calls {@code resolve} before choosing a server
 * and {@code respond} when the server's response headers arrive. The proxy supplies the views
 * ({@link tether.stickiness.AffinityRequest}, {@link tether.stickiness.AffinityResponse},
 * {@link tether.stickiness.PoolView}); the strategies live in the sub-packages {@code cookie},
 * {@code appsession} and {@code hash}.
 */
package tether.stickiness;
