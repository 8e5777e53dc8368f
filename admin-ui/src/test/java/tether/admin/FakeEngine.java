package tether.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import tether.admin.engine.AdminEngine;
import tether.admin.engine.AdminException;
import tether.admin.engine.AdminState;
import tether.admin.engine.DrainView;
import tether.admin.engine.Health;
import tether.admin.engine.LiveFigures;
import tether.admin.engine.NewServer;
import tether.admin.engine.PoolView;
import tether.admin.engine.RampPlan;
import tether.admin.engine.RampView;
import tether.admin.engine.ReloadReport;
import tether.admin.engine.ServerView;
import tether.admin.engine.Setting;
import tether.admin.engine.SessionPin;

/**
 * An engine that keeps pools and servers in maps: enough behaviour to exercise the HTTP layer (state
 * rules that answer 409, drains a test completes by hand), none of the real balancing. Ramps, drains
 * and live figures move only when a test says so ({@link #advanceRamp}, {@link #endSessions}, {@link
 * #figures}), so that what a page shows can be checked step by step. A reload reads no file: it answers
 * what a test set with {@link #reloadAnswers} or {@link #reloadRefuses}.
 */
public final class FakeEngine implements AdminEngine {

  /** The sessions a drain starts with; {@link #endSessions} ends them. */
  public static final int SESSIONS_AT_DRAIN = 3;
  /** The fake's guess of how long each remaining session takes to end, once some have ended. */
  static final long SECONDS_PER_SESSION = 20;
  /** The rules "of the configuration", which {@link #clearRoutes} goes back to. */
  private static final List<Object> CONFIGURED_RULES = List.of(Map.of("host", "*", "pool", "web"));

  private static final class Server {
    final String id;
    final String address;
    final String route;
    final int configWeight;
    final AdminState configState;
    int weight;
    AdminState state;
    RampView ramp;
    Instant drainStarted;
    Instant drainDeadline;
    boolean drained;
    CompletableFuture<DrainView> whenDrained;
    int inFlight;
    int liveSessions;
    LiveFigures figures = LiveFigures.IDLE;

    Server(String id, String address, String route, int weight, AdminState state) {
      this.id = id;
      this.address = address;
      this.route = route;
      this.configWeight = weight;
      this.configState = state;
      this.weight = weight;
      this.state = state;
    }
  }

  private final Clock clock;
  private final AtomicInteger drainWaiters = new AtomicInteger();
  private final Map<String, Map<String, Server>> pools = new LinkedHashMap<>();
  private final Map<String, String> pins = new LinkedHashMap<>();
  private Map<String, Object> routes = configuredRoutes();
  private ReloadReport reloadReport = new ReloadReport(List.of(), List.of(), List.of());
  private AdminException reloadRefusal;
  private int reloads;

  FakeEngine(Clock clock) {
    this.clock = clock;
    Map<String, Server> web = new LinkedHashMap<>();
    web.put("a", new Server("a", "10.0.0.1:8080", "a", 10, AdminState.ACTIVE));
    web.put("b", new Server("b", "10.0.0.2:8080", "b", 10, AdminState.ACTIVE));
    pools.put("web", web);
    pins.put("session-1", "a");
  }

  /** Adds a pool of one server, as a reload would. */
  public synchronized void addPool(String pool, String server, String address) {
    Map<String, Server> servers = new LinkedHashMap<>();
    servers.put(server, new Server(server, address, server, 10, AdminState.ACTIVE));
    pools.put(pool, servers);
  }

  /** Finishes the server's drain, as the last session ending would. */
  public synchronized void finishDrain(String pool, String id) {
    Server server = find(pool, id);
    server.liveSessions = 0;
    server.drained = true;
    server.whenDrained.complete(drainView(server));
  }

  /**
   * Ends {@code sessions} of a draining server's live sessions; the drain is done once none is left
   * and nothing is in flight.
   */
  public synchronized void endSessions(String pool, String id, int sessions) {
    Server server = draining(pool, id);
    server.liveSessions = Math.max(0, server.liveSessions - sessions);
    if (server.liveSessions == 0 && server.inFlight == 0 && !server.drained) {
      finishDrain(pool, id);
    }
  }

  /**
   * Moves the server's ramp to {@code progress} (0 to 1) along its time axis, as time passing would;
   * at 1 the ramp is over and the weight is its target.
   */
  public synchronized void advanceRamp(String pool, String id, double progress) {
    Server s = find(pool, id);
    if (s.ramp == null) {
      throw new IllegalStateException("ramp of " + id + ": none (expected: a ramp in progress)");
    }
    RampView ramp = s.ramp;
    if (progress >= 1) {
      s.weight = ramp.target();
      s.ramp = null;
      return;
    }
    s.ramp = new RampView(ramp.from(), ramp.target(), ramp.started(), ramp.duration(), ramp.curve(),
        Math.max(0, progress), ramp.paused());
  }

  /** What the server is doing now; in-flight requests and live sessions come from the fake's own state. */
  public synchronized void figures(String pool, String id, LiveFigures figures) {
    find(pool, id).figures = figures;
  }

  /** How many times someone asked to hear about a drain's end. */
  int drainWaiters() {
    return drainWaiters.get();
  }

  public synchronized void inFlight(String pool, String id, int requests) {
    find(pool, id).inFlight = requests;
  }

  /** What the next reloads answer, until another report or a refusal is set. */
  public synchronized void reloadAnswers(ReloadReport report) {
    reloadReport = report;
    reloadRefusal = null;
  }

  /** The next reloads throw {@code refusal}, as a configuration file with problems would make them. */
  public synchronized void reloadRefuses(AdminException refusal) {
    reloadRefusal = refusal;
  }

  /** How many times a reload was asked for, refused ones included. */
  public synchronized int reloads() {
    return reloads;
  }

  @Override
  public synchronized List<PoolView> pools() {
    return pools.keySet().stream().map(this::pool).toList();
  }

  @Override
  public synchronized PoolView pool(String pool) {
    return new PoolView(pool, "round-robin", servers(pool).values().stream().map(this::view).toList());
  }

  @Override
  public synchronized ServerView server(String pool, String server) {
    return view(find(pool, server));
  }

  @Override
  public synchronized ServerView setWeight(String pool, String server, int weight) {
    Server s = find(pool, server);
    s.weight = weight;
    s.ramp = null;
    return view(s);
  }

  @Override
  public synchronized ServerView startRamp(String pool, String server, RampPlan plan) {
    Server s = find(pool, server);
    s.ramp = new RampView(s.weight, plan.target(), clock.instant(), plan.duration(), plan.curve(), 0, false);
    return view(s);
  }

  @Override
  public synchronized ServerView pauseRamp(String pool, String server) {
    Server s = find(pool, server);
    RampView ramp = ramp(s, false);
    s.ramp = new RampView(
        ramp.from(), ramp.target(), ramp.started(), ramp.duration(), ramp.curve(), ramp.progress(), true);
    return view(s);
  }

  @Override
  public synchronized ServerView resumeRamp(String pool, String server) {
    Server s = find(pool, server);
    RampView ramp = ramp(s, true);
    s.ramp = new RampView(
        ramp.from(), ramp.target(), ramp.started(), ramp.duration(), ramp.curve(), ramp.progress(), false);
    return view(s);
  }

  @Override
  public synchronized ServerView abortRamp(String pool, String server) {
    Server s = find(pool, server);
    ramp(s, s.ramp != null && s.ramp.paused());
    s.ramp = null;
    return view(s);
  }

  @Override
  public synchronized ServerView drain(String pool, String server, Duration deadline) {
    Server s = find(pool, server);
    if (s.state == AdminState.MAINTENANCE) {
      throw AdminException.conflict("state: maintenance (expected: active or draining, to drain)");
    }
    if (s.state != AdminState.DRAINING) {
      s.state = AdminState.DRAINING;
      s.drainStarted = clock.instant();
      s.drainDeadline = deadline == null ? null : clock.instant().plus(deadline);
      s.drained = false;
      s.liveSessions = SESSIONS_AT_DRAIN;
      s.whenDrained = new CompletableFuture<>();
    }
    return view(s);
  }

  @Override
  public synchronized DrainView drainProgress(String pool, String server) {
    return drainView(draining(pool, server));
  }

  @Override
  public synchronized CompletableFuture<DrainView> whenDrained(String pool, String server) {
    CompletableFuture<DrainView> drained = draining(pool, server).whenDrained;
    drainWaiters.incrementAndGet();
    return drained;
  }

  @Override
  public synchronized ServerView enable(String pool, String server) {
    Server s = find(pool, server);
    if (s.whenDrained != null && !s.whenDrained.isDone()) {
      s.whenDrained.completeExceptionally(AdminException.conflict("drain: called off (expected: draining)"));
    }
    s.state = AdminState.ACTIVE;
    s.whenDrained = null;
    return view(s);
  }

  @Override
  public synchronized ServerView disable(String pool, String server) {
    Server s = find(pool, server);
    s.state = AdminState.MAINTENANCE;
    return view(s);
  }

  @Override
  public synchronized ServerView addServer(String pool, NewServer server) {
    Map<String, Server> servers = servers(pool);
    if (servers.containsKey(server.id())) {
      throw AdminException.conflict("id: " + server.id() + " (expected: an id not in pool " + pool + ")");
    }
    if (!server.address().contains(":")) {
      throw AdminException.badRequest("address", "address: " + server.address() + " (expected: host:port)");
    }
    String route = server.route() == null ? server.id() : server.route();
    Server added = new Server(server.id(), server.address(), route, server.weight(), server.startState());
    servers.put(server.id(), added);
    return view(added);
  }

  @Override
  public synchronized void removeServer(String pool, String server, boolean force) {
    Server s = find(pool, server);
    boolean idle = s.inFlight == 0 && (s.drained || s.state == AdminState.MAINTENANCE);
    if (!idle && !force) {
      throw AdminException.conflict("server: " + server + " is " + s.state.name().toLowerCase()
          + " with " + s.inFlight + " in flight (expected: drained, or in maintenance with nothing in flight)");
    }
    servers(pool).remove(server);
  }

  @Override
  public synchronized Optional<SessionPin> findSession(String pool, String sessionToken) {
    servers(pool);
    return Optional.ofNullable(pins.get(sessionToken)).map(server -> new SessionPin(server, "cookie"));
  }

  @Override
  public synchronized Map<String, Object> routes() {
    return routes;
  }

  @Override
  public synchronized Map<String, Object> replaceRoutes(String json) {
    Map<String, Object> parsed;
    try {
      parsed = new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw AdminException.badRequest("routes", "routes: unreadable (expected: a JSON object)");
    }
    List<String> problems = new ArrayList<>();
    if (!(parsed.get("rules") instanceof List<?> rules)) {
      throw AdminException.badRequest("routes", "rules: missing (expected: a list of rules)");
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) instanceof Map<?, ?> rule && rule.get("split") instanceof List<?> shares) {
        for (int j = 0; j < shares.size(); j++) {
          Object weight = shares.get(j) instanceof Map<?, ?> share ? share.get("weight") : null;
          if (!(weight instanceof Integer w) || w < 0) {
            problems.add("rules[" + i + "].split[" + j + "].weight: " + weight + " (expected: a whole number >= 0)");
          }
        }
      } else if (!(rules.get(i) instanceof Map<?, ?> rule) || !pools.containsKey(String.valueOf(rule.get("pool")))) {
        problems.add("rules[" + i + "].pool: " + (rules.get(i) instanceof Map<?, ?> r ? r.get("pool") : null)
            + " (expected: one of " + pools.keySet() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw AdminException.badRequest("routes", problems);
    }
    // The table as sent, but where it comes from is the engine's to say, not the caller's.
    Map<String, Object> table = new LinkedHashMap<>(parsed);
    table.put("source", "runtime");
    routes = Collections.unmodifiableMap(table);
    return routes;
  }

  @Override
  public synchronized Map<String, Object> clearRoutes() {
    routes = configuredRoutes();
    return routes;
  }

  @Override
  public synchronized ReloadReport reload() {
    reloads++;
    if (reloadRefusal != null) {
      throw reloadRefusal;
    }
    return reloadReport;
  }

  @Override
  public synchronized ServerView clearOverride(String pool, String server, Setting setting) {
    Server s = find(pool, server);
    switch (setting) {
      case WEIGHT -> {
        s.weight = s.configWeight;
        s.ramp = null;
      }
      case STATE -> s.state = s.configState;
    }
    return view(s);
  }

  private static Map<String, Object> configuredRoutes() {
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("rules", CONFIGURED_RULES);
    table.put("source", "config");
    return Collections.unmodifiableMap(table);
  }

  private Map<String, Server> servers(String pool) {
    Map<String, Server> servers = pools.get(pool);
    if (servers == null) {
      throw AdminException.notFound("pool: " + pool + " (expected: one of " + pools.keySet() + ")");
    }
    return servers;
  }

  private Server find(String pool, String server) {
    Server s = servers(pool).get(server);
    if (s == null) {
      throw AdminException.notFound("server: " + server + " (expected: a server of pool " + pool + ")");
    }
    return s;
  }

  private Server draining(String pool, String server) {
    Server s = find(pool, server);
    if (s.state != AdminState.DRAINING) {
      throw AdminException.conflict("state: " + s.state.name().toLowerCase() + " (expected: draining)");
    }
    return s;
  }

  private static RampView ramp(Server s, boolean paused) {
    if (s.ramp == null || s.ramp.paused() != paused) {
      throw AdminException.conflict("ramp: " + (s.ramp == null ? "none" : s.ramp.paused() ? "paused" : "running")
          + " (expected: " + (paused ? "paused" : "running") + ")");
    }
    return s.ramp;
  }

  private DrainView drainView(Server s) {
    int sessions = s.drained ? 0 : s.liveSessions;
    // No guess until some sessions have ended: there is no rate to go on before.
    Long estimate = s.drained ? Long.valueOf(0) : sessions < SESSIONS_AT_DRAIN ? sessions * SECONDS_PER_SESSION : null;
    return new DrainView(s.drainStarted, s.drainDeadline, sessions, s.inFlight, estimate, s.drained);
  }

  private ServerView view(Server s) {
    boolean draining = s.state == AdminState.DRAINING;
    LiveFigures f = s.figures;
    LiveFigures live = new LiveFigures(s.inFlight, f.requestsPerSecond(), f.p50Millis(), f.p99Millis(),
        f.errorsPerSecond(), draining ? drainView(s).liveSessions() : f.liveSessions());
    return new ServerView(s.id, s.address, s.route, s.state, Health.UP, s.weight, effectiveWeight(s),
        new ServerView.Overrides(s.weight != s.configWeight, s.state != s.configState),
        s.ramp, draining ? drainView(s) : null, live);
  }

  /** A ramp moves the effective weight in a straight line, whatever its curve: enough for a fake. */
  private static int effectiveWeight(Server s) {
    if (s.state != AdminState.ACTIVE) {
      return 0;
    }
    if (s.ramp == null) {
      return s.weight;
    }
    return (int) Math.round(s.ramp.from() + (s.ramp.target() - s.ramp.from()) * s.ramp.progress());
  }
}
