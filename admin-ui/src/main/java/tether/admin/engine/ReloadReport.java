package tether.admin.engine;

import java.util.List;
import java.util.Objects;

/**
 * What a configuration reload did.
 *
 * @param applied        each change put in force, one sentence each, such as {@code pool web: server
 *                       s4 added}; empty when the file changed nothing
 * @param kept           each change of the file that a run-time override outranks, or that waits for
 *                       a server to drain, with the reason
 * @param restartNeeded  each changed setting that only a restart applies, by its configuration path
 */
public record ReloadReport(List<String> applied, List<String> kept, List<String> restartNeeded) {

  public ReloadReport {
    applied = List.copyOf(Objects.requireNonNull(applied, "applied"));
    kept = List.copyOf(Objects.requireNonNull(kept, "kept"));
    restartNeeded = List.copyOf(Objects.requireNonNull(restartNeeded, "restartNeeded"));
  }
}
