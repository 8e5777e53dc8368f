package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs many simulated sessions at once and checks what they saw. Sessions run on a fixed pool of client
 * threads, one whole session (or one phase of it) per task, so several sessions are always in flight
 * together, as behind a real proxy. Checks collect every broken session before failing, and the
 * message shows the first few in full.
 */
final class Sessions {

  static final int CLIENT_THREADS = 8;
  private static final long RUN_TIMEOUT_SECONDS = 120;
  private static final int SHOWN = 8;

  private Sessions() {}

  /** {@code task(0)} .. {@code task(count - 1)} on the client threads; their results in index order. */
  static <T> List<T> parallel(int count, IntFunction<T> task) {
    ExecutorService threads = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<T>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(threads.submit(() -> task.apply(index)));
      }
      threads.shutdown();
      if (!threads.awaitTermination(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(count + " sessions did not finish within " + RUN_TIMEOUT_SECONDS + " s");
      }
      List<T> results = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        try {
          results.add(futures.get(i).get());
        } catch (ExecutionException e) {
          throw new AssertionError("session " + i + " failed: " + e.getCause(), e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      threads.shutdownNow();
    }
  }

  /** {@code requests} GETs of {@code /api/session} by one browser, in order. */
  static List<Visit> visits(Browser browser, RunningTether proxy, int requests) {
    List<Visit> visits = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      visits.add(browser.get(proxy.uri(""), "/api/session"));
    }
    return visits;
  }

  /**
   * Every session answered 200 on each request, from one instance, in one application session whose
   * counter went {@code firstVisit}, {@code firstVisit + 1}, ... without a reset.
   */
  static void assertEachStayed(List<List<Visit>> sessions, int firstVisit) {
    assertEach(sessions, visits -> stayed(visits, firstVisit),
        "stay on one instance with its visit counter counting up from " + firstVisit);
  }

  /** Every session satisfies {@code ok}; the message lists the sessions that did not. */
  static void assertEach(List<List<Visit>> sessions, Predicate<List<Visit>> ok, String expected) {
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      if (!ok.test(sessions.get(i))) {
        broken.add("session " + i + ": " + describe(sessions.get(i)));
      }
    }
    if (!broken.isEmpty()) {
      fail("%d of %d sessions did not %s; the first of them:%n%s", broken.size(), sessions.size(), expected,
          broken.stream().limit(SHOWN).collect(Collectors.joining("\n")));
    }
  }

  static boolean stayed(List<Visit> visits, int firstVisit) {
    if (visits.isEmpty()) {
      return false;
    }
    Visit first = visits.get(0);
    for (int i = 0; i < visits.size(); i++) {
      Visit v = visits.get(i);
      if (v.status() != 200 || v.instance() == null || !v.instance().equals(first.instance())
          || v.session() == null || !v.session().equals(first.session()) || v.visits() != firstVisit + i) {
        return false;
      }
    }
    return true;
  }

  /** The instance of each session's first visit. */
  static List<String> firstInstances(List<List<Visit>> sessions) {
    return sessions.stream().map(s -> s.get(0).instance()).toList();
  }

  /** How many sessions each instance holds, by name. */
  static Map<String, Long> perInstance(List<String> instances) {
    return new TreeMap<>(instances.stream().collect(Collectors.groupingBy(i -> String.valueOf(i),
        Collectors.counting())));
  }

  /** Each of {@code names} holds at least {@code minShare} of the sessions. */
  static void assertSpread(List<List<Visit>> sessions, List<String> names, double minShare) {
    Map<String, Long> counts = perInstance(firstInstances(sessions));
    long min = (long) Math.ceil(minShare * sessions.size());
    for (String name : names) {
      assertThat(counts.getOrDefault(name, 0L))
          .as("sessions on %s (expected at least %d of %d; all: %s)", name, min, sessions.size(), counts)
          .isGreaterThanOrEqualTo(min);
    }
  }

  /** Runs of consecutive visits on one instance, e.g. {@code app2 x5 (visits 1..5), app3 x11 (visits 1..11)}. */
  static String describe(List<Visit> visits) {
    Map<Integer, List<Visit>> runs = new LinkedHashMap<>();
    int run = -1;
    String last = "\u0000";
    for (Visit v : visits) {
      String key = v.status() + " " + v.instance();
      if (!key.equals(last)) {
        run++;
        last = key;
      }
      runs.computeIfAbsent(run, r -> new ArrayList<>()).add(v);
    }
    return runs.values().stream()
        .map(r -> r.get(0).status() + " " + r.get(0).instance() + " x" + r.size()
            + " (visits " + r.stream().map(v -> String.valueOf(v.visits())).collect(Collectors.joining(","))
            + ")")
        .collect(Collectors.joining(", "));
  }
}
