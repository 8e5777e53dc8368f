package tether.proxy.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tether.proxy.testing.ManualScheduler;

/**
 * A probe whose answers the test writes: per server a queue of results, then a steady health. With
 * {@link #hold} set, checks stay in flight until the test completes them.
 */
final class ScriptedProbe implements Probe {

  /** One call of {@link #check}: which server, at what virtual time. */
  record Call(String serverId, long nanos) {}

  private final ManualScheduler scheduler;
  private final Map<String, Deque<CheckResult>> scripts = new HashMap<>();
  private final Map<String, Boolean> healthy = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Deque<CompletableFuture<CheckResult>> held = new ArrayDeque<>();
  private boolean hold;
  private boolean closed;

  ScriptedProbe(ManualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Results for the next checks of {@code serverId}, in order. */
  synchronized ScriptedProbe then(String serverId, CheckResult... results) {
    scripts.computeIfAbsent(serverId, id -> new ArrayDeque<>()).addAll(List.of(results));
    return this;
  }

  /** Passes (or fails) {@code serverId}'s checks once its script is used up. */
  synchronized ScriptedProbe healthy(String serverId, boolean passes) {
    healthy.put(serverId, passes);
    return this;
  }

  synchronized void hold(boolean hold) {
    this.hold = hold;
  }

  /** Completes the oldest check in flight. */
  void release(CheckResult result) {
    CompletableFuture<CheckResult> future;
    synchronized (this) {
      future = held.removeFirst();
    }
    future.complete(result);
  }

  synchronized int inFlight() {
    return held.size();
  }

  @Override
  public synchronized CompletableFuture<CheckResult> check(CheckTarget target) {
    String id = target.serverId();
    calls.add(new Call(id, scheduler.nanoTime()));
    if (hold) {
      CompletableFuture<CheckResult> future = new CompletableFuture<>();
      held.addLast(future);
      return future;
    }
    Deque<CheckResult> script = scripts.get(id);
    if (script != null && !script.isEmpty()) {
      return CompletableFuture.completedFuture(script.removeFirst());
    }
    return CompletableFuture.completedFuture(healthy.getOrDefault(id, true) ? pass() : fail());
  }

  static CheckResult pass() {
    return new CheckResult(true, "HTTP 200", null);
  }

  static CheckResult fail() {
    return new CheckResult(false, "HTTP 503 (expected: 200-399)", null);
  }

  /** The virtual times, in milliseconds, at which {@code serverId} was checked. */
  synchronized List<Long> callMillis(String serverId) {
    return calls.stream().filter(c -> c.serverId().equals(serverId)).map(c -> c.nanos() / 1_000_000).toList();
  }

  synchronized List<Long> callNanos(String serverId) {
    return calls.stream().filter(c -> c.serverId().equals(serverId)).map(Call::nanos).toList();
  }

  synchronized boolean closed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
