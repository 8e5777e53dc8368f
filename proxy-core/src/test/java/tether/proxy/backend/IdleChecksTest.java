package tether.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

class IdleChecksTest {

  private XnioWorker worker;
  private XnioIoThread thread;

  @BeforeEach
  void start() throws Exception {
    worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
    thread = worker.getIoThread(0);
  }

  @AfterEach
  void stop() throws Exception {
    worker.shutdownNow();
    assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aShorterTimeoutBringsThePendingCheckForward() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    IdleChecks checks = countingDown(checked);

    checks.within(TimeUnit.HOURS.toMillis(1));
    checks.within(20);

    assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aLongerTimeoutLeavesAnEarlierCheckWhereItIs() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    IdleChecks checks = countingDown(checked);

    checks.within(20);
    checks.within(TimeUnit.HOURS.toMillis(1));

    assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCheckComesBackAfterTheDelayItReturns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch thrice = new CountDownLatch(3);
    IdleChecks checks = new IdleChecks(thread, () -> {
      int run = runs.incrementAndGet();
      thrice.countDown();
      return run < 3 ? 10 : 0;
    });

    checks.within(10);

    assertThat(thrice.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(runs.get()).isEqualTo(3);
  }

  @Test
  void aStoppedConnectionIsNotCheckedAgain() throws Exception {
    AtomicInteger stoppedRuns = new AtomicInteger();
    IdleChecks stopped = new IdleChecks(thread, () -> {
      stoppedRuns.incrementAndGet();
      return 0;
    });
    CountDownLatch laterRan = new CountDownLatch(1);
    IdleChecks later = countingDown(laterRan);

    stopped.within(20);
    stopped.stop();
    stopped.within(20);
    // One thread's timer runs checks in the order they are due: the stopped one would have come first.
    later.within(60);

    assertThat(laterRan.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stoppedRuns.get()).isZero();
  }

  /** Checks that count {@code latch} down each time and ask for no further check. */
  private IdleChecks countingDown(CountDownLatch latch) {
    return new IdleChecks(thread, () -> {
      latch.countDown();
      return 0;
    });
  }
}
