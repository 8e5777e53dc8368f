package tether.proxy.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.AdminException;
import tether.admin.engine.DrainView;
import tether.proxy.clock.Scheduler;

/**
 * The drains under way. Each is watched on the scheduler: once the server has no live session and
 * nothing in flight, or at its deadline, it is done, and {@code onDone} puts the server into
 * maintenance. Futures of {@code whenDrained} complete then, or fail when the drain is called off.
 * When {@code onDone} fails (the state file cannot be written), the drain stays open and is ended again
 * at each check until it succeeds; the failure is logged once, not at every check.
 */
final class Drains {

  private static final Logger log = LoggerFactory.getLogger(Drains.class);

  static final Duration CHECK_EVERY = Duration.ofMillis(500);

  /** Reads a server's live sessions and requests in flight. */
  interface Load {
    int liveSessions(String pool, String server);

    int inFlight(String pool, String server);
  }

  /** Called, outside any lock of this class, when a drain completes. */
  interface OnDone {
    /**
     * Ends the drain of {@code server}; if this throws, the drain stays open and is ended again at the
     * next check.
     *
     * @param stillOpen whether the drain is still the server's open drain: one called off or restarted
     *     meanwhile is not to be ended. Ask it under the lock that calling it off takes.
     */
    End drained(String pool, String server, BooleanSupplier stillOpen);
  }

  /** What became of a drain that {@link OnDone} was asked to end. */
  enum End {
    /** Called off or restarted meanwhile, and left alone. */
    NOT_OPEN,
    /** Ended; the server stays in its pool, and its drain shows as done until the next change. */
    ENDED,
    /**
     * Ended, and the server has left its pool: the drain goes with it, so that no server added later
     * under that id inherits it.
     */
    SERVER_GONE
  }

  private final Scheduler scheduler;
  private final Clock clock;
  private final Load load;
  private final OnDone onDone;
  private final Map<Key, Drain> drains = new HashMap<>();
  private Scheduler.Cancellable tick;

  Drains(Scheduler scheduler, Clock clock, Load load, OnDone onDone) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.load = load;
    this.onDone = onDone;
  }

  private record Key(String pool, String server) {}

  private static final class Drain {
    final Instant started;
    final Instant deadline;
    final int sessionsAtStart;
    // A drain restored after a restart waits this long for returning clients to be counted again.
    final Instant notBefore;
    final CompletableFuture<DrainView> done = new CompletableFuture<>();
    DrainView last;
    // Only the check that ends drains touches it; the scheduler runs one task at a time (the system
    // scheduler has one thread), so two checks never end drains together.
    boolean endFailed;

    Drain(Instant started, Instant deadline, int sessionsAtStart, Instant notBefore) {
      this.started = started;
      this.deadline = deadline;
      this.sessionsAtStart = sessionsAtStart;
      this.notBefore = notBefore;
    }
  }

  /** Starts (or restarts, keeping its start) a drain; {@code started} comes from the state file after a restart. */
  synchronized void start(String pool, String server, Instant started, Duration deadline) {
    Key key = new Key(pool, server);
    Drain existing = drains.get(key);
    Instant from = existing != null ? existing.started : started;
    Instant until = deadline == null ? null : clock.instant().plus(deadline);
    Drain d = new Drain(from, until, load.liveSessions(pool, server), existing != null ? existing.notBefore : from);
    if (existing != null && !existing.done.isDone()) {
      // Waiters of the old drain wait for the new one.
      d.done.whenComplete((v, e) -> {
        if (e == null) {
          existing.done.complete(v);
        } else {
          existing.done.completeExceptionally(e);
        }
      });
    }
    drains.put(key, d);
    d.last = view(key, d, clock.instant());
    schedule();
  }

  /**
   * Restores a drain read from the state file: same start and deadline. Live sessions are counted from
   * the requests this process has seen, so none are known just after a restart; the drain cannot finish
   * before {@code relearn} has passed, the time within which a live session's client comes back.
   */
  synchronized void restore(String pool, String server, Instant started, Instant deadline, Duration relearn) {
    Key key = new Key(pool, server);
    Drain d = new Drain(started, deadline, load.liveSessions(pool, server), clock.instant().plus(relearn));
    drains.put(key, d);
    d.last = view(key, d, clock.instant());
    schedule();
  }

  /** Ends a drain without completing it: the server was enabled, disabled or removed. */
  void cancel(String pool, String server, String why) {
    Drain d;
    synchronized (this) {
      d = drains.remove(new Key(pool, server));
    }
    if (d != null && !d.done.isDone()) {
      d.done.completeExceptionally(AdminException.conflict("drain of " + server + " called off: " + why));
    }
  }

  /** The drain's progress now, or {@code null} when the server is not draining. */
  synchronized DrainView view(String pool, String server) {
    Key key = new Key(pool, server);
    Drain d = drains.get(key);
    if (d == null) {
      return null;
    }
    if (!d.done.isDone()) {
      d.last = view(key, d, clock.instant());
    }
    return d.last;
  }

  synchronized Instant started(String pool, String server) {
    Drain d = drains.get(new Key(pool, server));
    return d == null ? null : d.started;
  }

  synchronized Instant deadline(String pool, String server) {
    Drain d = drains.get(new Key(pool, server));
    return d == null ? null : d.deadline;
  }

  synchronized CompletableFuture<DrainView> whenDrained(String pool, String server) {
    Drain d = drains.get(new Key(pool, server));
    return d == null ? null : d.done.copy();
  }

  private DrainView view(Key key, Drain d, Instant now) {
    int sessions = load.liveSessions(key.pool, key.server);
    int inFlight = load.inFlight(key.pool, key.server);
    boolean empty = sessions == 0 && inFlight == 0 && !now.isBefore(d.notBefore);
    boolean done = empty || (d.deadline != null && !now.isBefore(d.deadline));
    return new DrainView(d.started, d.deadline, sessions, inFlight, estimate(d, sessions, now, done), done);
  }

  /** Seconds left at the pace sessions have ended so far; null while nothing has ended yet. */
  private static Long estimate(Drain d, int sessions, Instant now, boolean done) {
    if (done) {
      return 0L;
    }
    long left = -1;
    double elapsed = Duration.between(d.started, now).toMillis() / 1000.0;
    int ended = d.sessionsAtStart - sessions;
    if (sessions == 0) {
      left = 1;
    } else if (ended > 0 && elapsed > 0) {
      left = (long) Math.ceil(sessions / (ended / elapsed));
    }
    if (d.deadline != null) {
      long toDeadline = Math.max(0, Duration.between(now, d.deadline).toSeconds());
      left = left < 0 ? toDeadline : Math.min(left, toDeadline);
    }
    return left < 0 ? null : left;
  }

  private void schedule() {
    if (tick == null && drains.values().stream().anyMatch(d -> !d.done.isDone())) {
      tick = scheduler.schedule(this::check, CHECK_EVERY.toNanos());
    }
  }

  private void check() {
    Map<Key, Drain> finished = new HashMap<>();
    synchronized (this) {
      tick = null;
      Instant now = clock.instant();
      for (Map.Entry<Key, Drain> e : drains.entrySet()) {
        Drain d = e.getValue();
        if (d.done.isDone()) {
          continue;
        }
        d.last = view(e.getKey(), d, now);
        if (d.last.done()) {
          finished.put(e.getKey(), d);
        }
      }
      schedule();
    }
    for (Map.Entry<Key, Drain> e : finished.entrySet()) {
      end(e.getKey(), e.getValue());
    }
  }

  private void end(Key key, Drain d) {
    End outcome;
    try {
      outcome = onDone.drained(key.pool, key.server, () -> open(key, d));
    } catch (RuntimeException e) {
      // Most likely the state file could not be written. The drain is still open, so the check already
      // scheduled ends it again.
      if (!d.endFailed) {
        d.endFailed = true;
        log.warn("Pool {}: {} is drained, but ending its drain failed; trying again every {} ms until it "
            + "succeeds", key.pool, key.server, CHECK_EVERY.toMillis(), e);
      }
      return;
    }
    if (outcome == End.NOT_OPEN) {
      return;
    }
    if (d.done.complete(d.last) && d.endFailed) {
      log.info("Pool {}: {} is drained, and its drain has ended after all", key.pool, key.server);
    }
    if (outcome == End.SERVER_GONE) {
      forget(key, d);
    }
  }

  private synchronized void forget(Key key, Drain d) {
    drains.remove(key, d);
  }

  /** Whether {@code d} is still the server's drain and has not ended. */
  private synchronized boolean open(Key key, Drain d) {
    return drains.get(key) == d && !d.done.isDone();
  }
}
