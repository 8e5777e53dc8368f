package tether.proxy.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.PassiveConfig;

/**
 * Passive outlier detection for one pool: a server that fails {@code consecutive-failures} attempts in
 * a row is ejected for a back-off that doubles (by {@code multiplier}) with each ejection, up to
 * {@code max-ejection}; every {@code max-ejection} it then spends in service forgives one step.
 *
 * <p>The request path calls {@link #success}, {@link #failure} and {@link #isEjected}: a success on a
 * server with no failures touches nothing shared, and counting a failure is one atomic increment.
 * Only an ejection or a return takes the pool's lock, briefly, because the cap on ejected servers
 * spans the pool; the listener and the scheduler are called after it is released.
 */
public final class Ejections {

  private static final Logger log = LoggerFactory.getLogger(Ejections.class);

  private final String pool;
  private final PassiveConfig config;
  private final Scheduler scheduler;
  private final EjectionListener listener;
  /** Whether a status of 500 + i counts, so that counting needs no boxing. */
  private final boolean[] countedStatuses = new boolean[100];
  private final long baseNanos;
  private final long maxNanos;
  /** The first level whose back-off reaches the maximum; levels above it would only slow forgiveness. */
  private final int maxLevel;

  private final Map<String, ServerState> states = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  /** Members of the pool; guarded by lock. */
  private int members;
  /** Members ejected now; guarded by lock. */
  private int ejectedNow;

  public Ejections(String pool, PassiveConfig config, Scheduler scheduler, EjectionListener listener) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
    for (int status : config.on().statuses()) {
      countedStatuses[status - 500] = true;
    }
    baseNanos = config.baseEjection().toNanos();
    maxNanos = config.maxEjection().toNanos();
    int level = 1;
    while (backOffNanos(level) < maxNanos) {
      level++;
    }
    maxLevel = level;
  }

  /** The pool's members, which the cap counts. Servers not listed are forgotten, ejected or not. */
  public void servers(Collection<String> serverIds) {
    Set<String> ids = new HashSet<>(serverIds);
    List<Scheduler.Cancellable> returns = new ArrayList<>();
    synchronized (lock) {
      for (var it = states.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        if (!ids.contains(entry.getKey())) {
          ServerState state = entry.getValue();
          if (state.ejected) {
            state.ejected = false;
            ejectedNow--;
            if (state.returnTask != null) {
              returns.add(state.returnTask);
            }
          }
          // A return already scheduled for it finds another generation and does nothing.
          state.generation++;
          it.remove();
        }
      }
      for (String id : ids) {
        states.computeIfAbsent(id, k -> new ServerState());
      }
      members = ids.size();
    }
    returns.forEach(Scheduler.Cancellable::cancel);
  }

  /** An attempt got an acceptable response: the server's failures are no longer in a row. */
  public void success(String serverId) {
    ServerState state = states.get(serverId);
    if (state != null && state.consecutive.get() != 0) {
      state.consecutive.set(0);
    }
  }

  /**
   * An attempt failed. Counted only if the configuration counts {@code kind} (and, for
   * {@link FailureKind#STATUS}, {@code status}); ignored while the server is ejected, so that the
   * ejection is not extended by requests that were already on their way.
   */
  public void failure(String serverId, FailureKind kind, int status) {
    if (!counts(kind, status)) {
      return;
    }
    ServerState state = states.get(serverId);
    if (state == null || state.ejected) {
      return;
    }
    if (state.consecutive.incrementAndGet() >= config.consecutiveFailures()) {
      eject(serverId, state, kind, status);
    }
  }

  public boolean isEjected(String serverId) {
    ServerState state = states.get(serverId);
    return state != null && state.ejected;
  }

  /** How many times the server has been ejected since it joined the pool. */
  public int ejections(String serverId) {
    ServerState state = states.get(serverId);
    return state == null ? 0 : state.ejections;
  }

  public EjectionStatus status(String serverId) {
    ServerState state = states.get(serverId);
    if (state == null) {
      return EjectionStatus.NONE;
    }
    long now = scheduler.nanoTime();
    synchronized (lock) {
      return new EjectionStatus(state.ejected, state.ejected ? state.until : 0, state.consecutive.get(),
          currentLevel(state, now));
    }
  }

  private boolean counts(FailureKind kind, int status) {
    if (!config.enabled()) {
      return false;
    }
    return switch (kind) {
      case CONNECT -> config.on().connect();
      case TIMEOUT -> config.on().timeout();
      case STATUS -> status >= 500 && status <= 599 && countedStatuses[status - 500];
    };
  }

  private void eject(String serverId, ServerState state, FailureKind kind, int status) {
    long now = scheduler.nanoTime();
    long backOff;
    int generation;
    int failures;
    synchronized (lock) {
      // Several threads may see the threshold crossed; the first here ejects. A thread that arrives
      // after the server has already returned finds its count reset and does nothing.
      failures = state.consecutive.get();
      if (state.ejected || states.get(serverId) != state || failures < config.consecutiveFailures()
          || ejectedNow >= allowedEjected()) {
        return;
      }
      state.level = Math.min(currentLevel(state, now) + 1, maxLevel);
      backOff = backOffNanos(state.level);
      state.until = now + backOff;
      state.ejections++;
      generation = ++state.generation;
      state.ejected = true;
      ejectedNow++;
    }
    String reason = failures + " failures in a row, the last " + describe(kind, status);
    log.info("Pool {}: server {} ejected for {}: {}", pool, serverId, Duration.ofNanos(backOff), reason);
    notify(() -> listener.ejected(serverId, Duration.ofNanos(backOff), reason));
    state.returnTask = scheduler.schedule(() -> giveBack(serverId, state, generation), backOff);
  }

  private void giveBack(String serverId, ServerState state, int generation) {
    synchronized (lock) {
      if (!state.ejected || state.generation != generation) {
        return;
      }
      state.ejected = false;
      state.returnTask = null;
      state.returnedAt = state.until;
      state.consecutive.set(0);
      ejectedNow--;
    }
    log.info("Pool {}: server {} returned after its ejection", pool, serverId);
    notify(() -> listener.returned(serverId));
  }

  /** At most the configured share of the pool, rounded down but at least one; none of a lone server. */
  private int allowedEjected() {
    if (members < 2) {
      return 0;
    }
    return Math.max(1, members * config.maxEjectedPercent() / 100);
  }

  /** The level less one for every maximum back-off spent in service since the last return. */
  private int currentLevel(ServerState state, long now) {
    if (state.ejected || state.level == 0) {
      return state.level;
    }
    long forgiven = Math.max(0, now - state.returnedAt) / maxNanos;
    return (int) Math.max(0, state.level - forgiven);
  }

  private long backOffNanos(int level) {
    double nanos = baseNanos * Math.pow(config.multiplier(), level - 1);
    return nanos >= maxNanos ? maxNanos : (long) nanos;
  }

  private static String describe(FailureKind kind, int status) {
    return switch (kind) {
      case CONNECT -> "a failed connect";
      case TIMEOUT -> "a time-out";
      case STATUS -> "status " + status;
    };
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // The ejection stands and its return stays scheduled whatever the listener does.
      log.error("Pool {}: an ejection listener failed", pool, e);
    }
  }

  /** One member's standing; the counter is lock-free, the rest is written under the pool's lock. */
  private static final class ServerState {
    final AtomicInteger consecutive = new AtomicInteger();
    volatile boolean ejected;
    volatile int ejections;
    volatile Scheduler.Cancellable returnTask;
    int level;
    long until;
    long returnedAt;
    int generation;
  }
}
