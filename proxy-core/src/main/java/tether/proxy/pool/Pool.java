package tether.proxy.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tether.proxy.balance.BalancerFactory;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.SlowStartConfig;

/**
 * A named pool. Readers take {@link #snapshot()} once per request and never lock; every change (the
 * operator's, a health check's, a server's own request, time moving a ramp) happens under the pool's lock
 * and publishes a whole new snapshot with one volatile write.
 *
 * <p>Slow start: a server that comes back (up after being down or ejected, out of maintenance, or added
 * while the proxy runs) is eased in from a share of its weight. The servers present at start are not:
 * there is no traffic to protect them from yet.
 */
public final class Pool {

  /** How often snapshots are published while a weight moves with time alone. */
  static final Duration STEP = Duration.ofMillis(250);

  private final String name;
  private final BalancerFactory balancers;
  private final Scheduler scheduler;
  private final SlowStartConfig slowStart;
  private final Map<String, ServerRuntime> servers = new LinkedHashMap<>();
  private volatile PoolSnapshot snapshot;
  private Scheduler.Cancellable tick;
  private Consumer<List<Server>> membership = s -> {};

  public Pool(
      String name, BalancerFactory balancers, List<Server> servers, Scheduler scheduler, SlowStartConfig slowStart) {
    this.name = Objects.requireNonNull(name, "name");
    this.balancers = Objects.requireNonNull(balancers, "balancers");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.slowStart = Objects.requireNonNull(slowStart, "slowStart");
    for (Server s : servers) {
      ServerRuntime rt = new ServerRuntime(s);
      rt.everAvailable = true;
      if (this.servers.putIfAbsent(s.id(), rt) != null) {
        throw new IllegalArgumentException("servers: duplicate id " + s.id() + " (expected: unique ids)");
      }
    }
    synchronized (this) {
      publish();
    }
  }

  public String name() {
    return name;
  }

  /** The current servers and balancer; stable for as long as the caller holds it. */
  public PoolSnapshot snapshot() {
    return snapshot;
  }

  public SlowStartConfig slowStart() {
    return slowStart;
  }

  /** Called with the definitions of every server after one is added or removed (health checks follow it). */
  public synchronized void onMembershipChange(Consumer<List<Server>> listener) {
    this.membership = Objects.requireNonNull(listener, "listener");
  }

  /** Sets the operator's admin state of a server. */
  public void setState(String serverId, AdminState state) {
    Objects.requireNonNull(state, "state");
    change(serverId, rt -> rt.state = state);
  }

  /** Sets the operator's weight of a server at once, ending any ramp. */
  public void setWeight(String serverId, int weight) {
    checkWeight(weight);
    change(serverId, rt -> {
      rt.ramp = null;
      rt.weight = weight;
    });
  }

  /** Moves a server's weight from where it is now to {@code target} over {@code duration}. */
  public void startRamp(String serverId, int target, Duration duration, RampCurve curve) {
    checkWeight(target);
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
    change(serverId, rt -> {
      long now = scheduler.nanoTime();
      int from = (int) Math.round(rt.weightAt(now));
      rt.ramp = WeightRamp.start(from, target, now, duration.toNanos(), curve);
    });
  }

  /** Pauses a server's ramp where it is; false when it has none. */
  public boolean pauseRamp(String serverId) {
    return changeRamp(serverId, (rt, now) -> rt.ramp = rt.ramp.pause(now));
  }

  public boolean resumeRamp(String serverId) {
    return changeRamp(serverId, (rt, now) -> rt.ramp = rt.ramp.resume(now));
  }

  /** Stops a server's ramp, keeping the weight it had reached. */
  public boolean abortRamp(String serverId) {
    return changeRamp(serverId, (rt, now) -> {
      rt.weight = (int) Math.round(rt.weightAt(now));
      rt.ramp = null;
    });
  }

  /** The ramp of a server, or {@code null}. */
  public synchronized WeightRamp ramp(String serverId) {
    return runtime(serverId).ramp;
  }

  /** Active health checks found a server up or down. Unknown ids are ignored: it may just have been removed. */
  public void healthChanged(String serverId, boolean up) {
    changeIfPresent(serverId, rt -> rt.checkedUp = up);
  }

  /** Passive detection took a server out, or let it back. */
  public void ejected(String serverId, boolean ejected) {
    changeIfPresent(serverId, rt -> rt.ejected = ejected);
  }

  /**
   * The server asked, through its health check, for a state and/or a share of its weight; {@code null}
   * leaves that part as it is.
   */
  public void agent(String serverId, AgentState state, Integer weightPercent) {
    if (weightPercent != null && (weightPercent < 0 || weightPercent > 100)) {
      throw new IllegalArgumentException("weightPercent: " + weightPercent + " (expected: 0..100)");
    }
    changeIfPresent(serverId, rt -> {
      if (state != null) {
        rt.agentState = state;
      }
      if (weightPercent != null) {
        rt.agentPercent = weightPercent;
      }
    });
  }

  /**
   * Adds a server; it is eased in once it can take sessions.
   *
   * @throws IllegalArgumentException when the id, address or route is taken
   */
  public void addServer(Server definition) {
    List<Server> members;
    synchronized (this) {
      if (servers.containsKey(definition.id())) {
        throw new IllegalArgumentException("id: " + definition.id() + " (expected: an id not in pool " + name + ")");
      }
      checkUnshared(definition);
      ServerRuntime rt = new ServerRuntime(definition);
      // Joining a pool that carries traffic is what slow start is for.
      rt.everAvailable = true;
      rt.easedInSince = scheduler.nanoTime();
      servers.put(definition.id(), rt);
      publish();
      members = definitions();
    }
    membership.accept(members);
  }

  /**
   * Puts a new definition (address, route, configured weight) in place of a server's, in one step so
   * that no request finds the server missing. The operator's state stays; so do the operator's weight
   * and ramp when {@code keepWeight}, else the new configured weight applies. A new address is a new
   * process: it is eased in like an added server.
   *
   * @throws IllegalArgumentException when the pool has no server of that id, or another server has
   *     the address or route
   */
  public void replaceServer(Server definition, boolean keepWeight) {
    List<Server> members;
    synchronized (this) {
      ServerRuntime old = runtime(definition.id());
      checkUnshared(definition);
      ServerRuntime rt = new ServerRuntime(definition);
      rt.state = old.state;
      if (keepWeight) {
        rt.weight = old.weight;
        rt.ramp = old.ramp;
      }
      rt.everAvailable = true;
      if (!definition.address().equals(old.definition.address())) {
        rt.easedInSince = scheduler.nanoTime();
      } else {
        rt.checkedUp = old.checkedUp;
        rt.ejected = old.ejected;
        rt.agentState = old.agentState;
        rt.agentPercent = old.agentPercent;
        rt.easedInSince = old.easedInSince;
      }
      servers.put(definition.id(), rt);
      publish();
      members = definitions();
    }
    membership.accept(members);
  }

  /**
   * Removes a server; requests that already hold it finish there.
   *
   * @return its definition
   * @throws IllegalArgumentException when the pool has no such server
   */
  public Server removeServer(String serverId) {
    Server removed;
    List<Server> members;
    synchronized (this) {
      removed = runtime(serverId).definition;
      servers.remove(serverId);
      publish();
      members = definitions();
    }
    membership.accept(members);
    return removed;
  }

  /** The definitions of the servers, as added: configured weight and state, not the runtime ones. */
  public synchronized List<Server> definitions() {
    List<Server> list = new ArrayList<>(servers.size());
    for (ServerRuntime rt : servers.values()) {
      list.add(rt.definition);
    }
    return list;
  }

  /** What the server asked for itself, for display. */
  public synchronized AgentState agentState(String serverId) {
    return runtime(serverId).agentState;
  }

  public synchronized int agentPercent(String serverId) {
    return runtime(serverId).agentPercent;
  }

  /** Under the lock: no other server of the pool has the definition's address or route. */
  private void checkUnshared(Server definition) {
    for (ServerRuntime rt : servers.values()) {
      Server d = rt.definition;
      if (d.id().equals(definition.id())) {
        continue;
      }
      if (d.address().equals(definition.address())) {
        throw new IllegalArgumentException("address: " + definition.address() + " (expected: an address not in pool " + name + ", where " + d.id() + " has it)");
      }
      if (d.route().equals(definition.route())) {
        throw new IllegalArgumentException("route: " + definition.route() + " (expected: a route not in pool " + name + ", where " + d.id() + " has it)");
      }
    }
  }

  private static void checkWeight(int weight) {
    if (weight < 0 || weight > Server.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: 0.." + Server.MAX_WEIGHT + ")");
    }
  }

  private interface RampChange {
    void apply(ServerRuntime rt, long now);
  }

  private synchronized boolean changeRamp(String serverId, RampChange change) {
    ServerRuntime rt = runtime(serverId);
    long now = scheduler.nanoTime();
    rt.settle(now);
    if (rt.ramp == null) {
      return false;
    }
    change.apply(rt, now);
    publish();
    return true;
  }

  private synchronized void change(String serverId, Consumer<ServerRuntime> change) {
    apply(runtime(serverId), change);
  }

  private synchronized void changeIfPresent(String serverId, Consumer<ServerRuntime> change) {
    ServerRuntime rt = servers.get(serverId);
    if (rt != null) {
      apply(rt, change);
    }
  }

  private void apply(ServerRuntime rt, Consumer<ServerRuntime> change) {
    boolean wasCold = cold(rt);
    change.accept(rt);
    if (wasCold && !cold(rt) && rt.everAvailable) {
      rt.easedInSince = scheduler.nanoTime();
    }
    if (!cold(rt)) {
      rt.everAvailable = true;
    }
    publish();
  }

  /** Down, ejected or in maintenance: a server that has lost its warm caches and connections. */
  private static boolean cold(ServerRuntime rt) {
    return !rt.health().available() || rt.effectiveState() == AdminState.MAINTENANCE;
  }

  private ServerRuntime runtime(String serverId) {
    ServerRuntime rt = servers.get(serverId);
    if (rt == null) {
      throw new IllegalArgumentException(
          "server: " + serverId + " (expected: a server of pool " + name + ")");
    }
    return rt;
  }

  // Under the lock.
  private void publish() {
    long now = scheduler.nanoTime();
    List<Server> list = new ArrayList<>(servers.size());
    boolean moving = false;
    for (ServerRuntime rt : servers.values()) {
      rt.settle(now);
      list.add(rt.toServer(now, slowStart));
      moving |= rt.moving(now, slowStart);
    }
    List<Server> takingNew = list.stream().filter(Server::acceptsNewSessions).toList();
    snapshot = new PoolSnapshot(name, list, balancers.create(takingNew));
    if (moving && tick == null) {
      tick = scheduler.schedule(this::step, STEP.toNanos());
    }
  }

  private synchronized void step() {
    tick = null;
    publish();
  }
}
