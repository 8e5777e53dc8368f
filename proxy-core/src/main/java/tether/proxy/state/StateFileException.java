package tether.proxy.state;

import java.nio.file.Path;

/** A state file that cannot be read or written; the message names the file and what is wrong. */
public final class StateFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  StateFileException(Path file, String problem, Throwable cause) {
    super("state file " + file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
