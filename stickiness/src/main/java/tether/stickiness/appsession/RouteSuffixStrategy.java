package tether.stickiness.appsession;

import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityResponse;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;

/**
 * Affinity from a route the application appends to its session id, as Tomcat and Jetty do with a
 * jvmRoute ({@code JSESSIONID=8F3A...C1.app2}): the route after the last separator names the server.
 * Stateless, so every instance agrees. Only the route is copied out of the request; the id itself
 * never leaves this class (resolutions carry a fingerprint of it).
 */
public final class RouteSuffixStrategy implements AffinityStrategy {

  public static final String NAME = "route-suffix";

  private static final Resolution NO_ID = Resolution.none(NAME, "no session id");
  private static final Resolution NO_SUFFIX = Resolution.none(NAME, "no route suffix");
  private static final Resolution UNKNOWN_ROUTE = Resolution.invalid(NAME, "unknown route");

  private final RouteSuffixConfig config;
  private final SessionIdReader reader;

  public RouteSuffixStrategy(RouteSuffixConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config: null (expected: a RouteSuffixConfig)");
    }
    this.config = config;
    this.reader = new SessionIdReader(config.cookieNames(), config.pathParameter(), config.queryParameters());
  }

  @Override
  public String name() {
    return NAME;
  }

  public RouteSuffixConfig config() {
    return config;
  }

  @Override
  public Resolution resolve(AffinityRequest request, PoolView pool) {
    SessionIdReader.Span id = reader.find(request);
    if (id == null) {
      return NO_ID;
    }
    int separator = id.lastIndexOf(config.separator());
    if (separator < 0 || separator == id.end() - 1) {
      return NO_SUFFIX;
    }
    String serverId = pool.serverIdForRoute(id.text().substring(separator + 1, id.end()));
    if (serverId == null) {
      return UNKNOWN_ROUTE;
    }
    return Resolution.valid(NAME, serverId, StableHash.hex(StableHash.hash(id.text(), id.start(), id.end())));
  }

  /** The application writes its own route; nothing to do. */
  @Override
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    // intentionally empty
  }
}
