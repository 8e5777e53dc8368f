package tether.examples.upgrade;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import tether.examples.testing.HttpUser;
import tether.examples.upgrade.UserSession.Outcome;
import tether.examples.upgrade.UserSession.Result;

/**
 * Users who keep visiting a site until told to stop: each thread is one user who runs {@link
 * UserSession}s back to back, each with a fresh cookie jar (a new browser session), lasting a random
 * time, with a short random pause between two reads. Counts what they saw.
 */
final class SimulatedUsers implements AutoCloseable {

  static final Duration MIN_SESSION = Duration.ofMillis(200);
  static final Duration MAX_SESSION = Duration.ofSeconds(2);
  // A user reads the page again after a moment; it also keeps the machine from being swamped.
  private static final int MIN_PAUSE_MILLIS = 5;
  private static final int MAX_PAUSE_MILLIS = 30;
  private static final int KEPT_PROBLEMS = 20;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpUser.newClient();
  private final URI base;
  private final ExecutorService threads;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicInteger names = new AtomicInteger();
  private final LongAdder sessions = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failedRequests = new LongAdder();
  private final LongAdder lostSessions = new LongAdder();
  private final Map<String, LongAdder> keptBy = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  /**
   * What the users saw so far.
   *
   * @param sessions visits ended, whatever their outcome
   * @param failedRequests requests answered with an unexpected status or not at all (each ends its visit)
   * @param lostSessions visits that found their session's state gone or changed
   * @param keptByInstance visits that kept their state, by the instance (and version) that held them
   */
  record Counts(long sessions, long requests, long failedRequests, long lostSessions,
      Map<String, Long> keptByInstance) {}

  private SimulatedUsers(URI base, int users) {
    this.base = base;
    this.threads = Executors.newFixedThreadPool(users, r -> new Thread(r, "user-" + names.incrementAndGet()));
  }

  /** {@code users} users visiting {@code base} from now on. */
  static SimulatedUsers start(URI base, int users) {
    SimulatedUsers crowd = new SimulatedUsers(base, users);
    for (int i = 0; i < users; i++) {
      crowd.threads.execute(crowd::visitUntilStopped);
    }
    return crowd;
  }

  Counts counts() {
    Map<String, Long> kept = new TreeMap<>();
    keptBy.forEach((instance, n) -> kept.put(instance, n.sum()));
    return new Counts(sessions.sum(), requests.sum(), failedRequests.sum(), lostSessions.sum(), kept);
  }

  /** The first problems seen, one line each. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Lets each user finish the visit in progress (straight to its sign-out), then waits for all. */
  void stop() {
    stop.countDown();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("users still visiting " + STOP_TIMEOUT.toSeconds() + " s after the stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the users", e);
    }
  }

  @Override
  public void close() {
    stop.countDown();
    threads.shutdownNow();
  }

  private void visitUntilStopped() {
    String user = Thread.currentThread().getName();
    int visit = 0;
    while (stop.getCount() > 0) {
      long nanos = ThreadLocalRandom.current().nextLong(MIN_SESSION.toNanos(), MAX_SESSION.toNanos() + 1);
      Result result;
      try {
        result = UserSession.run(new Visitor(http, base), user + "-" + (++visit), nanos, this::pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        result = new Result(Outcome.FAILED_REQUEST, null, 1, user + ": " + e);
      }
      record(result);
    }
  }

  private void record(Result result) {
    sessions.increment();
    requests.add(result.requests());
    switch (result.outcome()) {
      case KEPT -> keptBy.computeIfAbsent(result.instance(), i -> new LongAdder()).increment();
      case FAILED_REQUEST -> failedRequests.increment();
      case LOST_STATE -> lostSessions.increment();
    }
    if (result.detail() != null && problems.size() < KEPT_PROBLEMS) {
      problems.add(result.detail());
    }
  }

  /** Waits a moment between two reads; false once the users are to stop. */
  private boolean pause() {
    try {
      return !stop.await(ThreadLocalRandom.current().nextInt(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1),
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
