package tether.proxy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateJournalTest {

  @TempDir Path dir;

  @Test
  void anUpdateIsSavedAndBecomesCurrent() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StateJournal journal = new StateJournal(file, file.load());

    RuntimeState after = journal.update(s -> s.with(s.pool("web").withRemoved("app-1")));

    assertThat(journal.current()).isSameAs(after);
    assertThat(after.pool("web").removed()).containsExactly("app-1");
    assertThat(file.load()).isEqualTo(after);
    assertThat(new StateJournal(file, file.load()).current()).isEqualTo(after);
  }

  @Test
  void aFailedSaveLeavesTheCurrentStateAsItWas() throws Exception {
    Path path = dir.resolve("state.json");
    StateFile file = new StateFile(path);
    StateJournal journal = new StateJournal(file, RuntimeState.EMPTY);
    RuntimeState saved = journal.update(s -> s.with(s.pool("web").withRemoved("app-1")));

    // Something an operator did by mistake: the state file's place is now a directory the rename cannot replace.
    Files.delete(path);
    Files.createDirectory(path);
    Files.writeString(path.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> journal.update(s -> s.with(s.pool("web").withRemoved("app-2"))))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("state file " + path + ": cannot save: ");
    assertThat(journal.current()).isSameAs(saved);

    // Once the mistake is undone, the next change starts from the saved state, not the refused one.
    Files.delete(path.resolve("notes.txt"));
    Files.delete(path);
    RuntimeState next = journal.update(s -> s.with(s.pool("web").withRemoved("app-3")));
    assertThat(next.pool("web").removed()).containsExactly("app-1", "app-3");
    assertThat(file.load()).isEqualTo(next);
  }

  @Test
  void aChangeThatThrowsChangesNothing() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StateJournal journal = new StateJournal(file, RuntimeState.EMPTY);

    assertThatThrownBy(() -> journal.update(s -> s.with(s.pool("web").withOverrides("a", ServerOverrides.NONE.withWeight(-1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight: -1 (expected: >= 0)");
    assertThat(journal.current()).isSameAs(RuntimeState.EMPTY);
    assertThat(Files.exists(file.path())).isFalse();
  }

  @Test
  void concurrentUpdatesAllLand() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StateJournal journal = new StateJournal(file, RuntimeState.EMPTY);
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String poolName = "pool-" + (t % 2);
        String prefix = "t" + t + "-";
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String server = prefix + i;
            journal.update(s -> s.with(s.pool(poolName).withOverrides(server, ServerOverrides.NONE.withWeight(1))));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    RuntimeState last = journal.current();
    assertThat(last.pool("pool-0").overrides()).hasSize(2 * perThread);
    assertThat(last.pool("pool-1").overrides()).hasSize(2 * perThread);
    assertThat(last.pool("pool-1").overrides()).containsKeys("t1-0", "t3-24");
    assertThat(file.load()).isEqualTo(last);
  }
}
