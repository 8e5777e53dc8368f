package tether.proxy.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON file holding the {@link RuntimeState}. Saving writes a temporary file beside it, forces it
 * to disk, renames it over the old one in one atomic step and forces the directory, so that a crash
 * at any moment leaves either the old file or the new one, whole; never a mix, never nothing.
 */
public final class StateFile {

  private static final Logger log = LoggerFactory.getLogger(StateFile.class);

  /** Renames a finished temporary file over the state file; replaceable so that tests can fail it. */
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  private static final Mover ATOMIC_RENAME =
      (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

  private final Path path;
  private final Mover mover;
  private final StateJson json = new StateJson();

  public StateFile(Path path) {
    this(path, ATOMIC_RENAME);
  }

  StateFile(Path path, Mover mover) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    this.mover = Objects.requireNonNull(mover, "mover");
    if (this.path.getFileName() == null) {
      throw Checks.refused("path", path.toString(), "a file, not the root directory");
    }
  }

  public Path path() {
    return path;
  }

  /** What the file holds; {@link RuntimeState#EMPTY} if there is no file yet. */
  public RuntimeState load() throws StateFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return RuntimeState.EMPTY;
    } catch (IOException e) {
      throw new StateFileException(path, "cannot read: " + e, e);
    }
    return json.read(bytes, path);
  }

  /** Replaces the file's content with {@code state}, atomically and durably. */
  public synchronized void save(RuntimeState state) throws StateFileException {
    Objects.requireNonNull(state, "state");
    byte[] bytes = json.write(state);
    Path directory = path.getParent();
    Path temporary = directory.resolve(temporaryName());
    try {
      Files.createDirectories(directory);
      writeDurably(temporary, bytes);
      mover.move(temporary, path);
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(temporary);
      throw new StateFileException(path, "cannot save: this file system cannot rename atomically (" + e + ")", e);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new StateFileException(path, "cannot save: " + e, e);
    }
    forceDirectory(directory);
  }

  /** A one-line summary for logs, such as {@code 2 pools, 3 overrides, 1 added, 0 removed}. */
  public static String describe(RuntimeState state) {
    int overrides = 0;
    int added = 0;
    int removed = 0;
    for (PoolState pool : state.pools().values()) {
      overrides += pool.overrides().size();
      added += pool.added().size();
      removed += pool.removed().size();
    }
    return count(state.pools(), "pool", "pools") + ", " + overrides + (overrides == 1 ? " override" : " overrides")
        + ", " + added + " added, " + removed + " removed";
  }

  private static String count(Map<?, ?> map, String one, String many) {
    return map.size() + " " + (map.size() == 1 ? one : many);
  }

  /**
   * Hidden and unique, so that two writers (a misconfiguration, but a possible one) never write into the
   * same temporary file, and an operator listing the directory sees only the state file.
   */
  private String temporaryName() {
    return "." + path.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
  }

  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Makes the rename itself durable. Some platforms (Windows) cannot open a directory; there the rename
   * is as durable as the file system makes it, which is the best available.
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("Cannot force directory {} to disk: {}", directory, e.toString());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Cannot delete temporary state file {}: {}", file, e.toString());
    }
  }
}
