package tether.proxy.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.HealthCheckConfig;

/**
 * Checks the servers of one pool, each on its own timer, and tells a {@link HealthListener} when one
 * goes down or comes back, and what directives the servers send. It does not know the pool: the
 * listener decides what a transition means there, and checks go on whatever the server's admin state.
 *
 * <p>Each server's next check is scheduled when its last result has been handled, after a wait of
 * {@code interval} (or {@code fast-interval} while its health is changing) varied by {@code jitter}, so a
 * slow check delays the next one instead of overlapping it.
 *
 * <p>Thread-safe. The lock guards the tracked servers; listeners are called outside it, and a server's
 * next check is only scheduled after its listener calls return, so that one server's calls never overlap
 * or come out of order.
 */
public final class HealthChecker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);
  private static final String NOT_CHECKED = "not checked yet";

  private final String pool;
  private final HealthCheckConfig config;
  private final Scheduler scheduler;
  private final Probe probe;
  private final HealthListener listener;
  private final RandomGenerator random;
  private final Map<String, ServerCheck> checks = new HashMap<>();
  private boolean closed;

  /**
   * A checker that checks nothing until {@link #track} names servers. It owns {@code probe}: closing the
   * checker closes it.
   *
   * @param pool   the pool's name, for logs
   * @param config an enabled configuration; a pool with {@link HealthCheckConfig#DISABLED} needs no checker
   * @param random varies the waits by {@code jitter}; seeded in tests
   */
  public HealthChecker(String pool, HealthCheckConfig config, Scheduler scheduler, Probe probe,
      HealthListener listener, RandomGenerator random) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.random = Objects.requireNonNull(random, "random");
    if (!config.enabled()) {
      throw new IllegalArgumentException("config: disabled (expected: an enabled health check)");
    }
  }

  /**
   * The probe {@code config} asks for: an {@link HttpProbe} (started, with its own client) or a
   * {@link TcpProbe} whose time-outs run on {@code scheduler}. Give it to one checker, which closes it.
   */
  public static Probe probeFor(HealthCheckConfig config, Scheduler scheduler) {
    return switch (config.type()) {
      case HTTP -> new HttpProbe(config);
      case TCP -> new TcpProbe(config.timeout(), scheduler);
    };
  }

  /**
   * Sets the servers to check. New ones are checked at once, starting in the configured state (with
   * {@code start = down} the listener hears that they are down first); servers no longer listed stop
   * being checked and their in-flight results are ignored; servers listed again with the same address
   * keep their health and their timer. A server whose address changed starts over, as a new one.
   *
   * <p>The "down, not checked yet" of new servers is told before this returns, on the caller's thread
   * (no lock of the checker's is held then). Call it from one thread at a time, e.g. under the pool's
   * lock, so that two calls' reports cannot cross.
   *
   * @throws IllegalArgumentException if two targets have the same id
   */
  public void track(List<CheckTarget> targets) {
    Map<String, CheckTarget> wanted = new LinkedHashMap<>();
    for (CheckTarget target : targets) {
      if (wanted.putIfAbsent(target.serverId(), target) != null) {
        throw new IllegalArgumentException(
            "targets: duplicate id " + target.serverId() + " (expected: one target per server)");
      }
    }
    List<ServerCheck> added = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      checks.values().removeIf(check -> {
        boolean gone = !check.target().equals(wanted.get(check.target().serverId()));
        if (gone) {
          check.stop();
        }
        return gone;
      });
      for (CheckTarget target : wanted.values()) {
        if (!checks.containsKey(target.serverId())) {
          ServerCheck check = new ServerCheck(target, config);
          checks.put(target.serverId(), check);
          added.add(check);
        }
      }
    }
    for (ServerCheck check : added) {
      if (!check.isUp()) {
        notify(check, new ServerCheck.Change(false, NOT_CHECKED, null));
      }
      // Only now, so that its first result cannot reach the listener before the line above.
      scheduleNext(check, 0);
    }
  }

  /** The server's health now; true for a server this checker does not track. */
  public synchronized boolean isUp(String serverId) {
    ServerCheck check = checks.get(serverId);
    return check == null || check.isUp();
  }

  /** The server's checks for display, or null for a server this checker does not track. */
  public synchronized HealthStatus status(String serverId) {
    ServerCheck check = checks.get(serverId);
    return check == null ? null : check.status();
  }

  /** Stops every check and closes the probe; results still in flight are ignored. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      checks.values().forEach(ServerCheck::stop);
      checks.clear();
    }
    try {
      probe.close();
    } catch (RuntimeException e) {
      log.warn("Pool {}: closing the health check probe failed", pool, e);
    }
  }

  private void run(ServerCheck check) {
    synchronized (this) {
      if (check.stopped) {
        return;
      }
      check.next = null;
    }
    CompletableFuture<CheckResult> future;
    try {
      future = probe.check(check.target());
      if (future == null) {
        future = CompletableFuture.failedFuture(new IllegalStateException("the probe returned no result"));
      }
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((result, failure) -> completed(check, result, failure));
  }

  private void completed(ServerCheck check, CheckResult result, Throwable failure) {
    CheckResult r;
    if (failure != null) {
      r = CheckResult.failure(failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure);
    } else {
      r = result != null ? result : CheckResult.fail("the probe returned no result");
    }
    ServerCheck.Change change;
    long wait;
    synchronized (this) {
      if (check.stopped) {
        return;
      }
      change = check.record(r, scheduler.nanoTime());
      wait = jittered(check.changing() ? config.fastInterval() : config.interval());
    }
    if (!change.isEmpty()) {
      notify(check, change);
    }
    scheduleNext(check, wait);
  }

  private void notify(ServerCheck check, ServerCheck.Change change) {
    String id = check.target().serverId();
    try {
      if (change.up() != null) {
        // Every server of a pool that starts down would say so at start-up: the news is when it comes up.
        if (NOT_CHECKED.equals(change.reason())) {
          log.debug("Pool {}: server {} is down until its first check passes", pool, id);
        } else {
          log.info("Pool {}: server {} is {}: {}", pool, id, change.up() ? "up" : "down", change.reason());
        }
        listener.healthChanged(id, change.up(), change.reason());
      }
      if (change.directive() != null) {
        log.info("Pool {}: server {} asks for {}", pool, id, change.directive());
        listener.directive(id, change.directive());
      }
    } catch (RuntimeException e) {
      // The checks must go on whatever the listener does.
      log.error("Pool {}: the health listener failed for server {}", pool, id, e);
    }
  }

  private void scheduleNext(ServerCheck check, long delayNanos) {
    synchronized (this) {
      if (!check.stopped) {
        check.next = scheduler.schedule(() -> run(check), delayNanos);
      }
    }
  }

  /** {@code base} stretched or shrunk by a random fraction of at most {@code jitter}; under the lock. */
  private long jittered(Duration base) {
    double spread = config.jitter() * (2 * random.nextDouble() - 1);
    return Math.round(base.toNanos() * (1 + spread));
  }
}
