package tether.proxy.config;

import java.util.Objects;
import java.util.Set;

/**
 * The response statuses that passive detection and retries may name. Only 5xx: a 4xx is the client's
 * doing and says nothing about the server, and nothing else is a failure.
 */
final class Statuses {

  static final int MIN = 500;
  static final int MAX = 599;

  private Statuses() {}

  static boolean isServerError(int status) {
    return status >= MIN && status <= MAX;
  }

  /** An immutable copy of {@code statuses}, each checked to be a 5xx. */
  static Set<Integer> serverErrors(String name, Set<Integer> statuses) {
    Objects.requireNonNull(statuses, name);
    for (Integer status : statuses) {
      if (status == null || !isServerError(status)) {
        throw new IllegalArgumentException(name + ": " + statuses + " (expected: statuses " + MIN + ".." + MAX + ")");
      }
    }
    return Set.copyOf(statuses);
  }
}
