package tether.proxy.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a HOCON file into a {@link TetherConfig}. Keys the file leaves out take their defaults from
 * reference.conf; {@code ${VAR}} and {@code ${?VAR}} may name environment variables. Every problem is
 * collected before failing, so that one run of {@code --check} shows them all.
 */
public final class ConfigLoader {

  private static final String EXPECTED_FILE = "(expected: a readable HOCON file)";

  private ConfigLoader() {}

  /**
   * Loads and validates {@code file}.
   *
   * @throws InvalidConfigException with one {@code FILE:LINE: KEY: message} line per problem, if the
   *     file is missing, unreadable, malformed or holds any bad value
   */
  public static TetherConfig load(Path file) {
    Problems problems = new Problems(file.toString());
    Config reference = reference();
    Config merged = read(file, reference, problems);
    TetherConfig config = merged == null ? null : map(merged, reference, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.lines());
    }
    return config;
  }

  private static Config read(Path file, Config reference, Problems problems) {
    if (Files.isDirectory(file)) {
      problems.file("is a directory " + EXPECTED_FILE);
      return null;
    }
    if (!Files.exists(file)) {
      problems.file("no such file " + EXPECTED_FILE);
      return null;
    }
    if (!Files.isReadable(file)) {
      problems.file("not readable " + EXPECTED_FILE);
      return null;
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException.IO e) {
      problems.file("cannot be read: " + detail(e) + " " + EXPECTED_FILE);
      return null;
    } catch (ConfigException e) {
      problems.add(e.origin(), "syntax error", detail(e));
      return null;
    }
    try {
      // Resolved after merging, so that a substitution may also name a default.
      return parsed.withFallback(reference).resolve();
    } catch (ConfigException e) {
      problems.add(e.origin(), "substitution", detail(e));
      return null;
    }
  }

  private static TetherConfig map(Config merged, Config reference, Problems problems) {
    ConfigValue root = merged.root().get("tether");
    if (root.valueType() != ConfigValueType.OBJECT) {
      problems.bad(root, "tether", "an object");
      return null;
    }
    ConfigObject tether = (ConfigObject) root;
    UnknownKeys.check(tether, reference.getObject("tether"), problems);
    return ConfigMapper.map(new Section(tether, "tether", problems));
  }

  /** Our own defaults only; other libraries' reference.conf files on the class path are not ours to check. */
  private static Config reference() {
    Config all = ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf");
    if (!all.hasPath("tether")) {
      throw new IllegalStateException("reference.conf with a tether section is missing from the class path");
    }
    return all.withOnlyPath("tether").resolve();
  }

  /** Typesafe's message without the origin it starts with, which the problem line already shows. */
  private static String detail(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message;
  }
}
