package tether.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.QueueConfig;
import tether.proxy.pool.ServerSlots.Waiter;
import tether.proxy.testing.ManualScheduler;

class ServerSlotsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private ExecutorService executor;

  @AfterEach
  void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private Waiter enqueue(ServerSlots slots, String name) {
    return slots.enqueue(() -> events.add("granted " + name), () -> events.add("timed out " + name));
  }

  @Test
  void noMoreThanTheLimitAtOnce() {
    ServerSlots slots = new ServerSlots(2, 10, TIMEOUT, scheduler);

    assertThat(slots.limited()).isTrue();
    assertThat(slots.tryAcquire()).isTrue();
    assertThat(slots.full()).isFalse();
    assertThat(slots.tryAcquire()).isTrue();
    assertThat(slots.tryAcquire()).isFalse();
    assertThat(slots.full()).isTrue();
    assertThat(slots.inUse()).isEqualTo(2);

    slots.release();
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(slots.tryAcquire()).isTrue();
  }

  @Test
  void releaseGivesTheSlotToTheOldestWaiter() {
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, scheduler);
    slots.tryAcquire();
    enqueue(slots, "1");
    enqueue(slots, "2");
    enqueue(slots, "3");
    assertThat(slots.queued()).isEqualTo(3);
    assertThat(slots.tryAcquire()).isFalse();

    slots.release();
    assertThat(events).containsExactly("granted 1");
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(slots.queued()).isEqualTo(2);
    slots.release();
    slots.release();

    assertThat(events).containsExactly("granted 1", "granted 2", "granted 3");
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(slots.queued()).isZero();
    // The granted waiters' time-outs were called off.
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(TIMEOUT.multipliedBy(2));
    assertThat(events).hasSize(3);
  }

  @Test
  void aWaiterTimesOutAfterTheQueueTimeoutAndIsNotGrantedLater() {
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, scheduler);
    slots.tryAcquire();
    enqueue(slots, "1");

    scheduler.advance(TIMEOUT.minusNanos(1));
    assertThat(events).isEmpty();
    scheduler.advance(Duration.ofNanos(1));
    assertThat(events).containsExactly("timed out 1");
    assertThat(slots.queued()).isZero();

    slots.release();
    assertThat(events).containsExactly("timed out 1");
    assertThat(slots.inUse()).isZero();
    assertThat(slots.full()).isFalse();
  }

  @Test
  void aCancelledWaiterLeavesTheQueueAndNeitherTaskRuns() {
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, scheduler);
    slots.tryAcquire();
    Waiter first = enqueue(slots, "1");
    Waiter second = enqueue(slots, "2");

    assertThat(first.cancel()).isTrue();
    assertThat(first.cancel()).isFalse();
    assertThat(slots.queued()).isEqualTo(1);
    assertThat(scheduler.pending()).isEqualTo(1);

    slots.release();
    assertThat(second.cancel()).isFalse();
    scheduler.advance(TIMEOUT);
    assertThat(events).containsExactly("granted 2");
    assertThat(slots.inUse()).isEqualTo(1);
  }

  @Test
  void aTimeOutTooLateToCallOffDoesNothingAfterAGrantOrACancel() {
    // Calling off a task that has already started does not stop it: model that with a cancel that does nothing.
    Scheduler late = new Scheduler() {
      @Override
      public long nanoTime() {
        return scheduler.nanoTime();
      }

      @Override
      public Cancellable schedule(Runnable task, long delayNanos) {
        scheduler.schedule(task, delayNanos);
        return () -> {};
      }
    };
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, late);
    slots.tryAcquire();
    enqueue(slots, "1");
    Waiter second = enqueue(slots, "2");
    slots.release();
    assertThat(second.cancel()).isTrue();

    scheduler.advance(TIMEOUT);

    assertThat(events).containsExactly("granted 1");
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(slots.queued()).isZero();
  }

  @Test
  void aFullQueueTurnsNewcomersAwayAtOnce() {
    ServerSlots slots = new ServerSlots(1, 2, TIMEOUT, scheduler);
    slots.tryAcquire();

    assertThat(enqueue(slots, "1")).isNotNull();
    assertThat(enqueue(slots, "2")).isNotNull();
    assertThat(enqueue(slots, "3")).isNull();
    assertThat(slots.queued()).isEqualTo(2);
    assertThat(scheduler.pending()).isEqualTo(2);

    ServerSlots noQueue = new ServerSlots(1, 0, TIMEOUT, scheduler);
    noQueue.tryAcquire();
    assertThat(enqueue(noQueue, "4")).isNull();
    assertThat(events).isEmpty();
  }

  @Test
  void aWaiterIsGrantedAtOnceWhenASlotIsFree() {
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, scheduler);

    Waiter waiter = enqueue(slots, "1");

    assertThat(events).containsExactly("granted 1");
    assertThat(waiter.cancel()).isFalse();
    assertThat(slots.inUse()).isEqualTo(1);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aReleaseWithoutASlotIsRefused() {
    ServerSlots slots = new ServerSlots(1, 10, TIMEOUT, scheduler);

    assertThatThrownBy(slots::release).isInstanceOf(IllegalStateException.class);
    assertThat(slots.inUse()).isZero();
  }

  @Test
  void unlimitedCountsNothing() {
    ServerSlots slots = ServerSlots.UNLIMITED;

    for (int i = 0; i < 1000; i++) {
      assertThat(slots.tryAcquire()).isTrue();
    }
    slots.release();
    assertThat(slots.limited()).isFalse();
    assertThat(slots.full()).isFalse();
    assertThat(slots.inUse()).isZero();
    assertThat(enqueue(slots, "1").cancel()).isFalse();
    assertThat(events).containsExactly("granted 1");
    assertThat(ServerSlots.of(QueueConfig.UNLIMITED, scheduler)).isSameAs(ServerSlots.UNLIMITED);
    assertThat(ServerSlots.of(new QueueConfig(3, 10, TIMEOUT), scheduler).limited()).isTrue();
  }

  @Test
  void racesBetweenReleaseTimeOutAndCancelNeverLoseNorDoubleASlot() throws Exception {
    int max = 2;
    int threads = 6;
    int rounds = 3000;
    // Few tries find both slots taken; if none of those waits was granted, the threads go on until one
    // is, within a bound.
    int maxRounds = 300_000;
    ServerSlots slots = new ServerSlots(max, 16, Duration.ofMillis(2), scheduler);
    AtomicInteger holders = new AtomicInteger();
    AtomicBoolean overLimit = new AtomicBoolean();
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger timedOut = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    ConcurrentLinkedQueue<Tracked> waiters = new ConcurrentLinkedQueue<>();
    Runnable hold = () -> {
      if (holders.incrementAndGet() > max || slots.inUse() > max) {
        overLimit.set(true);
      }
      // Holding the slot across a yield lets the other threads pile up behind it.
      Thread.yield();
      holders.decrementAndGet();
      slots.release();
    };
    executor = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    Future<?> ticker = executor.submit(() -> {
      start.await();
      while (!done.get()) {
        scheduler.advance(Duration.ofNanos(50_000));
        Thread.yield();
      }
      return null;
    });
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(executor.submit(() -> {
        start.await();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < rounds || granted.get() == 0 && i < maxRounds; i++) {
          if (slots.tryAcquire()) {
            hold.run();
            continue;
          }
          AtomicInteger calls = new AtomicInteger();
          Waiter waiter = slots.enqueue(
              () -> {
                calls.incrementAndGet();
                granted.incrementAndGet();
                hold.run();
              },
              () -> {
                calls.incrementAndGet();
                timedOut.incrementAndGet();
              });
          if (waiter == null) {
            continue;
          }
          boolean cancel = random.nextInt(4) == 0 && waiter.cancel();
          if (cancel) {
            cancelled.incrementAndGet();
          }
          waiters.add(new Tracked(calls, cancel));
        }
        return null;
      }));
    }

    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    done.set(true);
    ticker.get(10, TimeUnit.SECONDS);

    assertThat(overLimit).isFalse();
    assertThat(slots.inUse()).isZero();
    assertThat(slots.queued()).isZero();
    assertThat(scheduler.pending()).isZero();
    assertThat(waiters).isNotEmpty().allSatisfy(w -> assertThat(w.calls().get()).isEqualTo(w.cancelled() ? 0 : 1));
    assertThat(granted.get() + timedOut.get() + cancelled.get()).isEqualTo(waiters.size());
    assertThat(granted.get()).isPositive();
  }

  private record Tracked(AtomicInteger calls, boolean cancelled) {}
}
