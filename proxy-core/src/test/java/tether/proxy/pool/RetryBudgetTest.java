package tether.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.RetryConfig;

class RetryBudgetTest {

  private final AtomicLong clock = new AtomicLong();
  private ExecutorService executor;

  @AfterEach
  void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void advance(Duration step) {
    clock.addAndGet(step.toNanos());
  }

  private static int retries(RetryBudget budget, int tries) {
    int allowed = 0;
    for (int i = 0; i < tries; i++) {
      if (budget.tryRetry()) {
        allowed++;
      }
    }
    return allowed;
  }

  private static void requests(RetryBudget budget, int count) {
    for (int i = 0; i < count; i++) {
      budget.request();
    }
  }

  @Test
  void theMinimumIsAllowedEverySecondWithoutRequests() {
    RetryBudget budget = new RetryBudget(0.2, 10, clock::get);

    assertThat(retries(budget, 50)).isEqualTo(10);
    advance(Duration.ofMillis(999));
    assertThat(budget.tryRetry()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(retries(budget, 50)).isEqualTo(10);
    advance(Duration.ofSeconds(1));
    assertThat(retries(budget, 50)).isEqualTo(10);
  }

  @Test
  void theRatioBoundsRetriesOverTheLastTenSeconds() {
    RetryBudget budget = new RetryBudget(0.2, 0, clock::get);

    requests(budget, 100);
    assertThat(retries(budget, 50)).isEqualTo(20);

    advance(Duration.ofSeconds(3));
    requests(budget, 50);
    // 150 requests in the window allow 30 retries, 20 of them spent.
    assertThat(retries(budget, 50)).isEqualTo(10);

    advance(Duration.ofSeconds(6));
    assertThat(budget.tryRetry()).isFalse();
    // At 10 s the first second leaves the window: 50 requests allow 10 retries, all spent at 3 s.
    advance(Duration.ofSeconds(1));
    assertThat(budget.tryRetry()).isFalse();
    requests(budget, 10);
    assertThat(retries(budget, 50)).isEqualTo(2);

    // At 13 s the second 3 leaves too: only the 10 requests of second 10 remain, their 2 retries spent.
    advance(Duration.ofSeconds(3));
    assertThat(budget.tryRetry()).isFalse();
    advance(Duration.ofSeconds(10));
    requests(budget, 5);
    assertThat(retries(budget, 50)).isEqualTo(1);
  }

  @Test
  void theGreaterOfRatioAndMinimumApplies() {
    RetryBudget budget = new RetryBudget(0.2, 10, clock::get);

    requests(budget, 1000);
    assertThat(retries(budget, 500)).isEqualTo(200);
    // The ratio is spent for the window, but every second still allows the minimum.
    advance(Duration.ofSeconds(1));
    assertThat(retries(budget, 500)).isEqualTo(10);
    advance(Duration.ofSeconds(1));
    requests(budget, 10);
    assertThat(retries(budget, 500)).isEqualTo(10);
  }

  @Test
  void noBudgetNoRetries() {
    RetryBudget budget = RetryBudget.of(new RetryConfig(3, RetryConfig.On.CONNECT_ONLY, 0.0, 0), clock::get);

    requests(budget, 1000);

    assertThat(budget.tryRetry()).isFalse();
  }

  @Test
  void aClockBelowZeroWorksLikeAnyOther() {
    clock.set(-Duration.ofSeconds(5).toNanos() + 1);
    RetryBudget budget = new RetryBudget(0.5, 1, clock::get);

    requests(budget, 4);
    assertThat(retries(budget, 10)).isEqualTo(2);
    advance(Duration.ofSeconds(10));
    assertThat(retries(budget, 10)).isEqualTo(1);
  }

  @Test
  void concurrentRetriesTakeExactlyTheBudget() throws Exception {
    RetryBudget budget = new RetryBudget(0.5, 0, clock::get);
    int threads = 4;
    int rounds = 20_000;
    executor = Executors.newFixedThreadPool(threads);
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger trips = new AtomicInteger();
    List<Integer> wrongRounds = new CopyOnWriteArrayList<>();
    // Each round has a window of its own with 6 requests, and every thread races for its 3 retries at once.
    CyclicBarrier barrier = new CyclicBarrier(threads, () -> {
      int finished = trips.getAndIncrement();
      if (finished > 0 && allowed.getAndSet(0) != 3) {
        wrongRounds.add(finished);
      }
      advance(Duration.ofSeconds(10));
      requests(budget, 6);
    });
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(executor.submit(() -> {
        for (int round = 0; round < rounds; round++) {
          barrier.await(30, TimeUnit.SECONDS);
          allowed.addAndGet(retries(budget, 2));
        }
        barrier.await(30, TimeUnit.SECONDS);
        return null;
      }));
    }

    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }

    assertThat(trips.get()).isEqualTo(rounds + 1);
    assertThat(wrongRounds).isEmpty();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> new RetryBudget(1.5, 10, clock::get))
        .hasMessage("ratio: 1.5 (expected: 0..1)");
    assertThatThrownBy(() -> new RetryBudget(Double.NaN, 10, clock::get))
        .hasMessage("ratio: NaN (expected: 0..1)");
    assertThatThrownBy(() -> new RetryBudget(0.2, -1, clock::get))
        .hasMessage("minPerSecond: -1 (expected: >= 0)");
  }
}
