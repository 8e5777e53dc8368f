package tether.proxy.state;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime state as last saved, and the one way to change it: the engine calls {@link #update} after
 * each successful admin change. A change becomes current only once it is on disk, so what
 * {@link #current()} returns is always what a restart would bring back.
 */
public final class StateJournal {

  private static final Logger log = LoggerFactory.getLogger(StateJournal.class);

  private final StateFile file;
  private final Object lock = new Object();
  // Written under the lock, read without it: a reader never waits for a save's disk flush.
  private volatile RuntimeState current;

  public StateJournal(StateFile file, RuntimeState initial) {
    this.file = Objects.requireNonNull(file, "file");
    this.current = Objects.requireNonNull(initial, "initial");
  }

  public RuntimeState current() {
    return current;
  }

  public StateFile file() {
    return file;
  }

  /**
   * Applies {@code change} to the current state, saves the result and then makes it current. Changes
   * are applied one at a time, each to the result of the one before.
   *
   * @return the new current state
   * @throws StateFileException if the save failed; the current state is then unchanged
   */
  public RuntimeState update(UnaryOperator<RuntimeState> change) throws StateFileException {
    Objects.requireNonNull(change, "change");
    synchronized (lock) {
      RuntimeState next = Objects.requireNonNull(change.apply(current), "the change returned null");
      file.save(next);
      current = next;
      log.debug("Saved runtime state to {}: {}", file.path(), StateFile.describe(next));
      return next;
    }
  }
}
