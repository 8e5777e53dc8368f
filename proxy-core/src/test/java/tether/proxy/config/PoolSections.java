package tether.proxy.config;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one object of pool {@code app} to a file and reads it back as a {@link Section}, for tests of
 * the mappers of a pool's objects. The object's body starts on line 2.
 */
final class PoolSections {

  private final ConfigFiles files;
  private Path file;
  private Problems problems;

  PoolSections(Path dir) {
    files = new ConfigFiles(dir);
  }

  /** {@code tether.pools.app.NAME { BODY }}, as a section whose problems {@link #problems()} returns. */
  Section section(String name, String... body) {
    String[] lines = new String[body.length + 2];
    lines[0] = "tether.pools.app." + name + " {";
    System.arraycopy(body, 0, lines, 1, body.length);
    lines[body.length + 1] = "}";
    file = files.write(lines);
    problems = new Problems(file.toString());
    String key = "tether.pools.app." + name;
    return new Section(ConfigFactory.parseFile(file.toFile()).getObject(key), key, problems);
  }

  /** The problem lines of the last section. */
  List<String> problems() {
    return problems.lines();
  }

  /** A problem line at {@code line} of the last section's file. */
  String at(int line, String problem) {
    return ConfigFiles.at(file, line, problem);
  }
}
