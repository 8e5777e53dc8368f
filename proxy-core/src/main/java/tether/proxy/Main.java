package tether.proxy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.InvalidConfigException;
import tether.proxy.config.TetherConfig;

/**
 * {@code java -jar tether.jar [--check] CONFIG}: starts Tether with a configuration file, or with
 * {@code --check} only validates it. Exit codes: 0 fine, 1 failed at run time, 2 bad usage or config.
 * While it runs, SIGHUP reads the file again (see {@link Tether#reload()}).
 */
public final class Main {

  private static final String USAGE = "usage: tether [--check] CONFIG.conf";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code. Blocks while the proxy runs. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean check = false;
    Path file = null;
    for (String arg : args) {
      if (arg.equals("--check") || arg.equals("-c")) {
        check = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (arg.startsWith("-") || file != null) {
        err.println("tether: unexpected argument: " + arg);
        err.println(USAGE);
        return 2;
      } else {
        file = Path.of(arg);
      }
    }
    if (file == null) {
      err.println(USAGE);
      return 2;
    }
    TetherConfig config;
    try {
      config = ConfigLoader.load(file);
    } catch (InvalidConfigException e) {
      for (String problem : e.problems()) {
        err.println(problem);
      }
      err.println("tether: " + file + ": " + e.problems().size() + " problem(s), not started");
      return 2;
    }
    if (check) {
      out.println("tether: " + file + ": configuration is valid");
      return 0;
    }
    return serve(config, file, err);
  }

  private static int serve(TetherConfig config, Path file, PrintStream err) {
    Tether tether;
    try {
      tether = Tether.start(config, file);
    } catch (Exception e) {
      err.println("tether: could not start: " + e.getMessage());
      return 1;
    }
    HangUp.reloadOnSignal(tether);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  tether.close();
                  stopped.countDown();
                },
                "tether-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
