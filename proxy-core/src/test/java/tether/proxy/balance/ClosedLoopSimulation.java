package tether.proxy.balance;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import tether.proxy.pool.Server;
import tether.proxy.testing.ManualScheduler;

/**
 * A discrete-event simulation of a fixed number of clients in a closed loop (each sends its next request
 * the moment the previous one ends) against servers that each have some workers and a FIFO queue. Time
 * is a {@link ManualScheduler}, which the servers' metrics must read as their clock; the balancer sees
 * the real in-flight counters and latency estimates those metrics keep. Service times are exponential
 * around each server's mean, from a seeded generator, so a run is deterministic.
 */
final class ClosedLoopSimulation {

  /** A simulated server: how many requests it serves at once and how long one takes on average. */
  record Backend(Server server, int workers, Duration meanService) {}

  private final ManualScheduler scheduler;
  private final Balancer balancer;
  private final Map<String, Station> stations = new HashMap<>();
  private final SplittableRandom random;
  private LongSupplier hashes = () -> 0L;
  private Consumer<Server> afterPlacing = s -> {};
  private final Map<String, Integer> picks = new HashMap<>();
  private long remaining;

  ClosedLoopSimulation(ManualScheduler scheduler, Balancer balancer, List<Backend> backends, long seed) {
    this.scheduler = scheduler;
    this.balancer = balancer;
    this.random = new SplittableRandom(seed);
    for (Backend backend : backends) {
      stations.put(backend.server().id(), new Station(backend));
    }
  }

  /** The hash each request is picked with. */
  ClosedLoopSimulation hashes(LongSupplier hashes) {
    this.hashes = hashes;
    return this;
  }

  /** Called with the chosen server right after each request is counted as in flight on it. */
  ClosedLoopSimulation afterPlacing(Consumer<Server> check) {
    this.afterPlacing = check;
    return this;
  }

  /** Runs until {@code requests} have been placed and all have ended; returns the picks per server id. */
  Map<String, Integer> run(int clients, long requests) {
    remaining = requests;
    for (int i = 0; i < clients; i++) {
      scheduler.schedule(this::send, 0);
    }
    while (scheduler.pending() > 0) {
      scheduler.advance(Duration.ofSeconds(1));
    }
    return picks;
  }

  private void send() {
    if (remaining == 0) {
      return;
    }
    remaining--;
    Server server = balancer.pick(s -> true, hashes.getAsLong());
    picks.merge(server.id(), 1, Integer::sum);
    server.metrics().started();
    afterPlacing.accept(server);
    stations.get(server.id()).arrive(scheduler.nanoTime());
  }

  /** One server's workers and queue; a request's latency runs from arrival to the end of its service. */
  private final class Station {
    private final Backend backend;
    private final ArrayDeque<Long> queue = new ArrayDeque<>();
    private int busy;

    Station(Backend backend) {
      this.backend = backend;
    }

    void arrive(long now) {
      if (busy < backend.workers()) {
        serve(now);
      } else {
        queue.add(now);
      }
    }

    private void serve(long arrivedAt) {
      busy++;
      double mean = backend.meanService().toNanos();
      long service = Math.max(1, (long) (-mean * Math.log(1 - random.nextDouble())));
      scheduler.schedule(() -> end(arrivedAt), service);
    }

    private void end(long arrivedAt) {
      busy--;
      backend.server().metrics().finished(scheduler.nanoTime() - arrivedAt);
      if (!queue.isEmpty()) {
        serve(queue.poll());
      }
      send();
    }
  }
}
