package tether.proxy.pool;

import tether.proxy.config.SlowStartConfig;

/**
 * What a pool knows of one server beyond its definition: the operator's state and weight, what the server
 * asked for itself through its health check, its health, and the ramps under way. Mutable, and touched
 * only under its pool's lock; {@link #toServer} turns it into the immutable view a snapshot holds.
 */
final class ServerRuntime {

  /** Effective weights are counted in hundredths of a configured weight, so that ramps move smoothly. */
  static final int SCALE = Server.WEIGHT_SCALE;

  final Server definition;
  AdminState state;
  int weight;
  WeightRamp ramp;
  AgentState agentState = AgentState.READY;
  int agentPercent = 100;
  boolean checkedUp = true;
  boolean ejected;
  // Slow start runs from this time; Long.MIN_VALUE when the server is not being eased in.
  long easedInSince = Long.MIN_VALUE;
  // Whether the server ever took traffic here: coming up the first time at start is not "coming back".
  boolean everAvailable;

  ServerRuntime(Server definition) {
    this.definition = definition;
    this.state = definition.state();
    this.weight = definition.weight();
  }

  String id() {
    return definition.id();
  }

  /** Admin state after the server's own requests: the stricter of the operator's and the server's. */
  AdminState effectiveState() {
    AdminState fromAgent =
        switch (agentState) {
          case READY -> AdminState.ACTIVE;
          case DRAIN -> AdminState.DRAINING;
          case MAINTENANCE -> AdminState.MAINTENANCE;
        };
    return fromAgent.ordinal() > state.ordinal() ? fromAgent : state;
  }

  Health health() {
    if (!checkedUp) {
      return Health.DOWN;
    }
    return ejected ? Health.EJECTED : Health.UP;
  }

  /** Whether new sessions may come to it now; the edges of this start slow start. */
  boolean available() {
    return health().available() && effectiveState() == AdminState.ACTIVE;
  }

  /** The operator's weight at {@code now}: a ramp's value while one runs. */
  double weightAt(long now) {
    return ramp == null ? weight : ramp.weightAt(now);
  }

  /** Whether something about it changes with time alone, so that the pool must publish again soon. */
  boolean moving(long now, SlowStartConfig slowStart) {
    boolean ramping = ramp != null && !ramp.paused() && !ramp.finished(now);
    return ramping || easing(now, slowStart);
  }

  private boolean easing(long now, SlowStartConfig slowStart) {
    return easedInSince != Long.MIN_VALUE
        && slowStart.enabled()
        && now - easedInSince < slowStart.duration().toNanos();
  }

  /** Ends a finished ramp, so that its target becomes the weight. */
  void settle(long now) {
    if (ramp != null && ramp.finished(now)) {
      weight = ramp.to();
      ramp = null;
    }
  }

  Server toServer(long now, SlowStartConfig slowStart) {
    double factor = easing(now, slowStart) ? slowStart.factor(now - easedInSince) : 1;
    double scaled = weightAt(now) * SCALE * (agentPercent / 100.0) * factor;
    int effective = (int) Math.round(scaled);
    if (effective == 0 && scaled > 0) {
      // A server on its way in takes a trickle, never nothing.
      effective = 1;
    }
    return new Server(
        definition.id(),
        definition.address(),
        definition.route(),
        // The set weight, not the ramp's passing value: hash rings follow it, and keys must not move
        // at every step of a ramp.
        weight,
        effective,
        effectiveState(),
        definition.publicUrl(),
        definition.metrics(),
        health(),
        definition.slots());
  }
}
