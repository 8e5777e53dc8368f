package tether.examples.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a bash script, with its output (stdout and stderr together, in order) kept in a file and
 * a bounded wait: a script still running at the limit is killed, and reported as such.
 *
 * @param exitCode the script's exit status, or -1 when it was killed at the time limit
 * @param output everything it printed
 */
record ScriptRun(int exitCode, String output, Duration took) {

  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /** Runs {@code bash script args...} in {@code dir} with {@code env} added to this process's environment. */
  static ScriptRun run(Path script, List<String> args, Map<String, String> env, Path dir, Duration limit) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    Path log = dir.resolve(script.getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      int exit = -1;
      if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      } else {
        // The script's children (its hooks' curl) go too: they are in its process tree.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (exit == -1) {
        output += "\n[killed after " + limit.toSeconds() + " s]\n";
      }
      return new ScriptRun(exit, output, took);
    } catch (IOException e) {
      throw new UncheckedIOException("running " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
