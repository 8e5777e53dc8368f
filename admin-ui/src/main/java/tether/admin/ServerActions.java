package tether.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tether.admin.engine.AdminEngine;
import tether.admin.engine.AdminState;
import tether.admin.engine.Curve;
import tether.admin.engine.NewServer;
import tether.admin.engine.RampPlan;
import tether.admin.engine.ServerView;
import tether.admin.engine.Setting;

/** The endpoints under {@code /api/pools/{pool}/servers}: one method each, all on the engine. */
final class ServerActions {

  /** Longer ramps are more likely a typo (5h for 5m) than a plan. */
  static final Duration MAX_RAMP = Duration.ofDays(1);
  static final Duration MAX_DRAIN_DEADLINE = Duration.ofDays(7);

  /** A change to one server: what the engine does, given the pool and server ids. */
  @FunctionalInterface
  private interface Change {
    ServerView apply(String pool, String server);
  }

  private final AdminEngine engine;

  ServerActions(AdminEngine engine) {
    this.engine = engine;
  }

  Reply list(Call call) {
    return Reply.ok(Map.of("servers", engine.pool(call.param("pool")).servers()));
  }

  Reply get(Call call) {
    return Reply.ok(engine.server(call.param("pool"), call.param("server")));
  }

  Reply add(Call call) {
    BodyFields body = call.body().allow("id", "address", "weight", "route", "state");
    NewServer server = new NewServer(
        body.name("id"),
        body.text("address", "host:port of the server"),
        body.weight("weight"),
        body.optionalName("route"),
        body.choice("state", AdminState.class, AdminState.ACTIVE));
    String pool = call.param("pool");
    ServerView added = engine.addServer(pool, server);
    call.audit(null, added);
    call.header("Location", "/api/pools/" + segment(pool) + "/servers/" + segment(added.id()));
    return Reply.created(added);
  }

  Reply remove(Call call) {
    String force = call.query("force");
    if (force != null && !force.equals("true") && !force.equals("false")) {
      throw ApiProblem.badRequest("force", "force: " + force + " (expected: true or false)");
    }
    String pool = call.param("pool");
    String id = call.param("server");
    ServerView before = engine.server(pool, id);
    engine.removeServer(pool, id, "true".equals(force));
    call.audit(before, null);
    return Reply.noContent();
  }

  Reply weight(Call call) {
    int weight = call.body().allow("weight").weight("weight");
    return change(call, (pool, server) -> engine.setWeight(pool, server, weight));
  }

  Reply ramp(Call call) {
    BodyFields body = call.body().allow("target", "duration", "curve");
    RampPlan plan = new RampPlan(
        body.weight("target"), body.duration("duration", MAX_RAMP), body.choice("curve", Curve.class, Curve.LINEAR));
    return change(call, (pool, server) -> engine.startRamp(pool, server, plan));
  }

  Reply pauseRamp(Call call) {
    return change(call, engine::pauseRamp);
  }

  Reply resumeRamp(Call call) {
    return change(call, engine::resumeRamp);
  }

  Reply abortRamp(Call call) {
    return change(call, engine::abortRamp);
  }

  Reply drain(Call call) {
    Duration deadline = call.body().allow("deadline").optionalDuration("deadline", MAX_DRAIN_DEADLINE);
    return change(call, (pool, server) -> engine.drain(pool, server, deadline));
  }

  Reply drainProgress(Call call) {
    return Reply.ok(engine.drainProgress(call.param("pool"), call.param("server")));
  }

  Reply enable(Call call) {
    return change(call, engine::enable);
  }

  Reply disable(Call call) {
    return change(call, engine::disable);
  }

  Reply clearWeight(Call call) {
    return change(call, (pool, server) -> engine.clearOverride(pool, server, Setting.WEIGHT));
  }

  Reply clearState(Call call) {
    return change(call, (pool, server) -> engine.clearOverride(pool, server, Setting.STATE));
  }

  private Reply change(Call call, Change change) {
    String pool = call.param("pool");
    String server = call.param("server");
    ServerView before = engine.server(pool, server);
    ServerView after = change.apply(pool, server);
    call.audit(before, after);
    return Reply.ok(after);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
