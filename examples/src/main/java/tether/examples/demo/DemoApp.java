package tether.examples.demo;

import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small stateful web application: one running instance, with its sessions in its own memory.
 * Run several behind Tether to watch affinity at work; each page says which instance served it.
 *
 * <p>From code (tests): {@code try (DemoApp app = DemoApp.start(DemoOptions.loopback("app1",
 * "app1"))) { ... app.port() ... }}. From a shell: {@code java -jar tether-demo-app.jar --port 9001
 * --name app1 --route app1}.
 */
public final class DemoApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoApp.class);

  /** Idle time after which a session is dropped, as a servlet container's default. */
  public static final int SESSION_TIMEOUT_SECONDS = 30 * 60;
  // Long enough for in-flight page views to finish; short enough not to stall a Ctrl-C.
  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;
  // A demo instance needs little: a few threads keep several of them light on one machine.
  private static final int IO_THREADS = 2;
  private static final int WORKER_THREADS = 4;

  private final DemoOptions options;
  private final Undertow server;
  private final GracefulShutdownHandler requests;
  private final DemoSessions sessions;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoApp(DemoOptions options, Undertow server, GracefulShutdownHandler requests,
      DemoSessions sessions) {
    this.options = options;
    this.server = server;
    this.requests = requests;
    this.sessions = sessions;
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Starts an instance and returns once it accepts connections. */
  public static DemoApp start(DemoOptions options) {
    DemoSessions sessions =
        new DemoSessions(options.name(), options.route(), SESSION_TIMEOUT_SECONDS);
    sessions.start();
    GracefulShutdownHandler requests =
        new GracefulShutdownHandler(new DemoHandler(options.name(), sessions));
    Undertow server = Undertow.builder()
        .addHttpListener(options.port(), options.bind())
        .setIoThreads(IO_THREADS)
        .setWorkerThreads(WORKER_THREADS)
        .setHandler(requests)
        .build();
    try {
      server.start();
    } catch (RuntimeException e) {
      sessions.stop();
      // Undertow wraps the BindException; keep the one that says what went wrong.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "listen: " + options.bind() + ":" + options.port() + " (expected: a free address)", cause);
    }
    DemoApp app = new DemoApp(options, server, requests, sessions);
    LOG.info("Demo instance {} listening on {} (session route: {})",
        options.name(), app.baseUri(), options.route() == null ? "none" : options.route());
    return app;
  }

  /** The port actually bound, useful when started on port 0. */
  public int port() {
    return port;
  }

  public String name() {
    return options.name();
  }

  /** {@code http://bind:port/}. */
  public URI baseUri() {
    String host = options.bind().indexOf(':') >= 0 ? "[" + options.bind() + "]" : options.bind();
    return URI.create("http://" + host + ":" + port + "/");
  }

  /** Lets requests in flight finish (up to a few seconds), then stops. Safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    requests.shutdown();
    try {
      if (!requests.awaitShutdown(SHUTDOWN_GRACE_MILLIS)) {
        LOG.warn("Demo instance {}: requests still running after {} ms, stopping anyway",
            options.name(), SHUTDOWN_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop();
    sessions.stop();
    LOG.info("Demo instance {} stopped", options.name());
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(DemoOptions.USAGE);
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    DemoApp app;
    try {
      app = start(options);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage() + ": " + e.getCause().getMessage());
      System.exit(1);
      return;
    }
    // Undertow's threads keep the JVM alive; SIGTERM and Ctrl-C run this hook.
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "demo-app-shutdown"));
  }
}
