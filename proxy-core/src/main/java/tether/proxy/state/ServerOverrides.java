package tether.proxy.state;

import java.util.List;

/**
 * What the operator changed on one server, over its configuration. Every field is {@code null} when
 * the configuration's value stands.
 *
 * @param weight the configured weight the operator set, or {@code null}
 * @param state  {@link #DRAINING}, {@link #MAINTENANCE}, or {@code null} for active
 * @param ramp   a ramp of the weight in progress, or {@code null}
 * @param drain  the drain's timing; present exactly when {@code state} is {@link #DRAINING}
 */
public record ServerOverrides(Integer weight, String state, RampState ramp, DrainState drain) {

  public static final String DRAINING = "draining";
  public static final String MAINTENANCE = "maintenance";
  /** The states an operator can set; active is the absence of one. */
  public static final List<String> STATES = List.of(DRAINING, MAINTENANCE);

  /** No overrides: the configuration stands. */
  public static final ServerOverrides NONE = new ServerOverrides(null, null, null, null);

  public ServerOverrides {
    if (weight != null) {
      Checks.atLeastZero("weight", weight);
    }
    if (state != null) {
      Checks.oneOf("state", state, STATES);
    }
    // Kept together so that a file can never say "draining" without saying since when, or the reverse.
    if (DRAINING.equals(state) && drain == null) {
      throw Checks.refused("drain", null, "a drain's timing while the state is " + DRAINING);
    }
    if (drain != null && !DRAINING.equals(state)) {
      throw Checks.refused("drain", drain, "none unless the state is " + DRAINING);
    }
  }

  public boolean isEmpty() {
    return weight == null && state == null && ramp == null && drain == null;
  }

  public ServerOverrides withWeight(Integer newWeight) {
    return new ServerOverrides(newWeight, state, ramp, drain);
  }

  public ServerOverrides withRamp(RampState newRamp) {
    return new ServerOverrides(weight, state, newRamp, drain);
  }

  /** Draining, since and until what {@code newDrain} says. */
  public ServerOverrides withDrain(DrainState newDrain) {
    return new ServerOverrides(weight, DRAINING, ramp, Checks.present("drain", newDrain, "a drain's timing"));
  }

  public ServerOverrides withMaintenance() {
    return new ServerOverrides(weight, MAINTENANCE, ramp, null);
  }

  /** Active again: no drain, no maintenance. */
  public ServerOverrides withActive() {
    return new ServerOverrides(weight, null, ramp, null);
  }
}
