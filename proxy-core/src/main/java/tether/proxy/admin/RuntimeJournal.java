package tether.proxy.admin;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import tether.proxy.state.RuntimeState;
import tether.proxy.state.StateFile;
import tether.proxy.state.StateFileException;
import tether.proxy.state.StateJournal;

/**
 * The runtime state the admin plane changes: kept in a state file when one is configured, else in
 * memory only (a restart then starts from the configuration alone).
 */
public final class RuntimeJournal {

  private final StateJournal durable;
  private RuntimeState memory = RuntimeState.EMPTY;

  private RuntimeJournal(StateJournal durable) {
    this.durable = durable;
  }

  public static RuntimeJournal inMemory() {
    return new RuntimeJournal(null);
  }

  /**
   * Opens the state file, reading what an earlier run left.
   *
   * @throws StateFileException when the file exists but cannot be read: starting without it would
   *     silently undo the operator's changes
   */
  public static RuntimeJournal open(Path file) throws StateFileException {
    StateFile stateFile = new StateFile(file);
    return new RuntimeJournal(new StateJournal(stateFile, stateFile.load()));
  }

  public synchronized RuntimeState current() {
    return durable == null ? memory : durable.current();
  }

  /**
   * Applies and keeps a change.
   *
   * @throws IllegalStateException when the state file cannot be written; the change is then in force
   *     but would not survive a restart
   */
  public synchronized void update(UnaryOperator<RuntimeState> change) {
    if (durable == null) {
      memory = change.apply(memory);
      return;
    }
    try {
      durable.update(change);
    } catch (StateFileException e) {
      throw new IllegalStateException("the change is in force but could not be saved: " + e.getMessage(), e);
    }
  }
}
