package tether.admin.engine;

import java.util.Objects;

/**
 * One server as it is now.
 *
 * @param route the affinity route that session cookies and ids name this server by
 * @param configuredWeight what the operator or the configuration set
 * @param effectiveWeight what the balancer uses now, after slow start, ramps and health
 * @param overridden which settings hold a run-time value instead of the configured one
 * @param ramp the ramp in progress, or null
 * @param drain the drain in progress or finished, or null when the server is not draining
 */
public record ServerView(
    String id,
    String address,
    String route,
    AdminState state,
    Health health,
    int configuredWeight,
    int effectiveWeight,
    Overrides overridden,
    RampView ramp,
    DrainView drain,
    LiveFigures live) {

  public ServerView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(overridden, "overridden");
    Objects.requireNonNull(live, "live");
  }

  /** Which of a server's settings were changed at run time and so differ from the configuration. */
  public record Overrides(boolean weight, boolean state) {

    public static final Overrides NONE = new Overrides(false, false);
  }
}
