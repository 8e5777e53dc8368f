package tether.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tether.admin.engine.DrainView;
import tether.proxy.testing.ManualScheduler;

/** Ending a drain whose last step fails: the drain stays open, is ended again later, and is reported once. */
class DrainsTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualScheduler scheduler = new ManualScheduler();
  private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
  private final List<String> ended = new ArrayList<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Drains.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private int failuresLeft;
  // Runs inside the next end, before it asks whether its drain is still open: what an admin call that
  // takes the engine's lock just before the end does.
  private Runnable meanwhile = () -> {};

  @BeforeEach
  void captureLog() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(lines);
  }

  /** Nothing live anywhere, so a drain is done at its first check. */
  private static final class Empty implements Drains.Load {
    @Override
    public int liveSessions(String pool, String server) {
      return 0;
    }

    @Override
    public int inFlight(String pool, String server) {
      return 0;
    }
  }

  private Drains drains() {
    return new Drains(scheduler, clock, new Empty(), (pool, server, stillOpen) -> {
      Runnable before = meanwhile;
      meanwhile = () -> {};
      before.run();
      if (!stillOpen.getAsBoolean()) {
        return Drains.End.NOT_OPEN;
      }
      ended.add(server);
      if (server.equals("stuck") || failuresLeft-- > 0) {
        throw new IllegalStateException("the change is in force but could not be saved: disk full");
      }
      return server.startsWith("gone") ? Drains.End.SERVER_GONE : Drains.End.ENDED;
    });
  }

  private void check() {
    scheduler.advance(Drains.CHECK_EVERY);
  }

  @Test
  void aDrainWhoseEndFailsStaysOpenAndEndsAtALaterCheck() {
    failuresLeft = 2;
    Drains drains = drains();
    drains.start("app", "a", START, null);
    CompletableFuture<DrainView> done = drains.whenDrained("app", "a");

    check();
    check();
    assertThat(done).isNotDone();
    assertThat(ended).containsExactly("a", "a");

    check();
    assertThat(done).isCompleted();
    assertThat(done.join().done()).isTrue();
    assertThat(ended).containsExactly("a", "a", "a");

    check();
    assertThat(ended).as("an ended drain is not ended again").hasSize(3);
    assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    assertThat(lines.list.get(0).getFormattedMessage())
        .isEqualTo("Pool app: a is drained, but ending its drain failed; trying again every 500 ms until it "
            + "succeeds");
    assertThat(lines.list.get(0).getThrowableProxy().getMessage()).contains("disk full");
  }

  @Test
  void oneDrainThatCannotEndHoldsUpNoOther() {
    Drains drains = drains();
    drains.start("app", "stuck", START, null);
    drains.start("app", "b", START, null);
    CompletableFuture<DrainView> stuck = drains.whenDrained("app", "stuck");
    CompletableFuture<DrainView> b = drains.whenDrained("app", "b");

    check();
    assertThat(b).isCompleted();
    assertThat(stuck).isNotDone();

    check();
    check();
    assertThat(stuck).isNotDone();
    assertThat(ended).filteredOn("stuck"::equals).hasSize(3);
    assertThat(ended).filteredOn("b"::equals).hasSize(1);
    assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
  }

  @Test
  void anEndedDrainStaysInViewUnlessItsServerLeftThePool() {
    Drains drains = drains();
    drains.start("app", "kept", START, null);
    drains.start("app", "gone", START, null);
    CompletableFuture<DrainView> gone = drains.whenDrained("app", "gone");

    check();

    assertThat(drains.view("app", "kept").done()).isTrue();
    assertThat(drains.view("app", "gone")).as("a later server of that id starts with no drain").isNull();
    assertThat(gone).isCompleted();
    assertThat(gone.join().done()).isTrue();
  }

  @Test
  void aDrainCalledOffJustBeforeItsEndIsLeftAlone() {
    Drains drains = drains();
    drains.start("app", "a", START, null);
    CompletableFuture<DrainView> done = drains.whenDrained("app", "a");
    meanwhile = () -> drains.cancel("app", "a", "enabled");

    check();

    assertThat(ended).isEmpty();
    assertThat(done).isCompletedExceptionally();
    assertThat(scheduler.pending()).as("the check scheduled before it was called off").isEqualTo(1);
    check();
    assertThat(ended).isEmpty();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aDrainRestartedJustBeforeItsEndEndsOnlyAsTheNewDrain() {
    Drains drains = drains();
    drains.start("app", "a", START, null);
    CompletableFuture<DrainView> first = drains.whenDrained("app", "a");
    meanwhile = () -> drains.start("app", "a", START, null);

    check();
    assertThat(ended).isEmpty();
    assertThat(first).as("its waiters wait for the new drain").isNotDone();

    check();
    assertThat(ended).containsExactly("a");
    assertThat(first).isCompleted();
  }

  @Test
  void aDrainCalledOffWhileItCannotEndIsNotEndedAgain() {
    Drains drains = drains();
    drains.start("app", "stuck", START, null);
    CompletableFuture<DrainView> stuck = drains.whenDrained("app", "stuck");

    check();
    drains.cancel("app", "stuck", "removed");
    check();

    assertThat(stuck).isCompletedExceptionally();
    assertThat(ended).containsExactly("stuck");
    assertThat(scheduler.pending()).isZero();
  }
}
