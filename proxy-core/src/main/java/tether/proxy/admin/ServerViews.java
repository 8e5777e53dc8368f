package tether.proxy.admin;

import com.codahale.metrics.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tether.admin.engine.AdminState;
import tether.admin.engine.Curve;
import tether.admin.engine.Health;
import tether.admin.engine.LiveFigures;
import tether.admin.engine.PoolView;
import tether.admin.engine.RampView;
import tether.admin.engine.ServerView;
import tether.proxy.PoolRuntime;
import tether.proxy.clock.Scheduler;
import tether.proxy.metrics.ServerMetrics;
import tether.proxy.pool.RampCurve;
import tether.proxy.pool.Server;
import tether.proxy.pool.WeightRamp;
import tether.proxy.state.ServerOverrides;
import tether.stickiness.SessionCounts;

/** Builds the admin plane's views of pools and servers from a pool's snapshot, metrics and drains. */
final class ServerViews {

  private final Scheduler scheduler;
  private final Clock clock;
  private final Drains drains;

  ServerViews(Scheduler scheduler, Clock clock, Drains drains) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.drains = drains;
  }

  PoolView pool(PoolRuntime runtime, java.util.function.Function<String, ServerOverrides> overrides) {
    List<ServerView> servers = runtime.pool().snapshot().servers().stream()
        .map(s -> server(runtime, s, overrides.apply(s.id())))
        .toList();
    return new PoolView(runtime.pool().name(), runtime.config().balancer().configName(), servers);
  }

  ServerView server(PoolRuntime runtime, Server s, ServerOverrides overrides) {
    String pool = runtime.pool().name();
    return new ServerView(
        s.id(),
        s.address().toString(),
        s.route(),
        state(s),
        health(runtime, s),
        s.weight(),
        (int) Math.round(s.effectiveWeight() / (double) Server.WEIGHT_SCALE),
        new ServerView.Overrides(overrides.weight() != null || overrides.ramp() != null, overrides.state() != null),
        ramp(runtime.pool().ramp(s.id())),
        drains.view(pool, s.id()),
        live(s.metrics(), liveSessions(runtime, s.id())));
  }

  static int liveSessions(PoolRuntime runtime, String serverId) {
    var affinity = runtime.target().affinity();
    if (affinity == null) {
      return 0;
    }
    SessionCounts counts = affinity.sessionCounts().orElse(null);
    return counts == null ? 0 : (int) Math.min(Integer.MAX_VALUE, counts.liveSessions(serverId));
  }

  private static AdminState state(Server s) {
    return switch (s.state()) {
      case ACTIVE -> AdminState.ACTIVE;
      case DRAINING -> AdminState.DRAINING;
      case MAINTENANCE -> AdminState.MAINTENANCE;
    };
  }

  private static Health health(PoolRuntime runtime, Server s) {
    return switch (s.health()) {
      case DOWN -> Health.DOWN;
      case EJECTED -> Health.EJECTED;
      case UP -> runtime.checker() == null ? Health.UNCHECKED : Health.UP;
    };
  }

  private RampView ramp(WeightRamp ramp) {
    if (ramp == null) {
      return null;
    }
    long now = scheduler.nanoTime();
    return new RampView(ramp.from(), ramp.to(), instant(ramp.start(), now), Duration.ofNanos(ramp.duration()),
        curve(ramp.curve()), ramp.progress(now), ramp.paused());
  }

  /** The wall-clock time of a scheduler reading. */
  Instant instant(long nanos, long now) {
    return clock.instant().minusNanos(now - nanos);
  }

  static Curve curve(RampCurve curve) {
    return switch (curve) {
      case LINEAR -> Curve.LINEAR;
      case EASE_IN -> Curve.EASE_IN;
      case EASE_OUT -> Curve.EASE_OUT;
    };
  }

  static RampCurve curve(Curve curve) {
    return switch (curve) {
      case LINEAR -> RampCurve.LINEAR;
      case EASE_IN -> RampCurve.EASE_IN;
      case EASE_OUT -> RampCurve.EASE_OUT;
    };
  }

  private static LiveFigures live(ServerMetrics m, int sessions) {
    Snapshot latency = m.latency().getSnapshot();
    return new LiveFigures(
        (int) m.inFlight(),
        m.requestRate(),
        latency.getMedian() / 1e6,
        latency.get99thPercentile() / 1e6,
        m.errorRate(),
        sessions);
  }
}
