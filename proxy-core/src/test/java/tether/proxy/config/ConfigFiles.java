package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Writes configuration text to files and loads them, for tests that assert on problem lines. */
final class ConfigFiles {

  private final Path dir;
  private int count;

  ConfigFiles(Path dir) {
    this.dir = dir;
  }

  /** Writes the lines, one per file line, so a test can count lines to know where a value sits. */
  Path write(String... lines) {
    Path file = dir.resolve("tether-" + (++count) + ".conf");
    try {
      Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  TetherConfig load(String... lines) {
    return ConfigLoader.load(write(lines));
  }

  /** A problem line as the loader writes it: {@code FILE:LINE: PROBLEM}. */
  static String at(Path file, int line, String problem) {
    return file + ":" + line + ": " + problem;
  }

  /** The problems loading {@code file} reports; fails if it loads. */
  static List<String> problems(Path file) {
    AtomicReference<List<String>> problems = new AtomicReference<>();
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> problems.set(e.problems()));
    return problems.get();
  }
}
