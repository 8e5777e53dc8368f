package tether.proxy.config;

import java.util.List;

/**
 * A configuration file that cannot be used, with every problem found in it rather than just the first,
 * so that an operator fixes them all in one round.
 */
public final class InvalidConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, {@code FILE:LINE: KEY: message}, ordered by file and line. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: [] (expected: at least one problem)");
    }
    return problems.size() == 1
        ? "invalid configuration: " + problems.get(0)
        : "invalid configuration, " + problems.size() + " problems:\n" + String.join("\n", problems);
  }
}
