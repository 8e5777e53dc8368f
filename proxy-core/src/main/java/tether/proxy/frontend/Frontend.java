package tether.proxy.frontend;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import tether.proxy.config.FrontendConfig;
import tether.proxy.config.HostPort;

/**
 * The client-facing HTTP/1.1 listeners: Undertow's parser on a worker of our own, with a {@link
 * HeaderGuard} under every connection so that an oversized header block is answered 431 and a slow
 * one 408 (Undertow alone would just close), and graceful shutdown around the root handler.
 *
 * <p>Limits, from {@link FrontendConfig}: the request line plus header block, counted from the
 * request's first byte through the empty line that ends it, may be {@code maxHeaderBytes} long, and
 * must arrive within {@code headerTimeout} of that first byte. A connection with no request in
 * progress is closed silently after {@code idleTimeout}. Malformed requests get Undertow's 400.
 */
public final class Frontend implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Frontend.class);

  /** Undertow's own choice for servers with memory to spare; one buffer holds a typical request. */
  static final int BUFFER_BYTES = 16 * 1024;

  /**
   * Threads for handlers that dispatch. Tether never blocks a thread on a request, so a few suffice.
   */
  static final int TASK_THREADS = 4;

  /** How long closing connections and stopping the I/O threads may take, after the grace period. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final XnioWorker worker;
  private final ByteBufferPool buffers;
  private final HttpOpenListener http;
  private final GracefulShutdownHandler graceful;
  private final List<AcceptingChannel<StreamConnection>> servers;
  private final List<InetSocketAddress> boundAddresses;
  private Boolean stopped;

  private Frontend(
      XnioWorker worker,
      ByteBufferPool buffers,
      HttpOpenListener http,
      GracefulShutdownHandler graceful,
      List<AcceptingChannel<StreamConnection>> servers) {
    this.worker = worker;
    this.buffers = buffers;
    this.http = http;
    this.graceful = graceful;
    this.servers = servers;
    List<InetSocketAddress> bound = new ArrayList<>();
    for (AcceptingChannel<StreamConnection> server : servers) {
      bound.add(server.getLocalAddress(InetSocketAddress.class));
    }
    this.boundAddresses = List.copyOf(bound);
  }

  /**
   * Binds every address of {@code listen} and starts serving {@code root} on them.
   *
   * @throws IOException if an address cannot be bound or resolved; nothing is left running
   */
  public static Frontend start(List<HostPort> listen, FrontendConfig limits, HttpHandler root)
      throws IOException {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (HostPort hostPort : listen) {
      InetSocketAddress address = new InetSocketAddress(hostPort.host(), hostPort.port());
      if (address.isUnresolved()) {
        throw new IOException("listen: " + hostPort + " (expected: a resolvable host)");
      }
      addresses.add(address);
    }
    return startOn(addresses, limits, root);
  }

  /**
   * Like {@link #start}, with addresses already resolved; port 0 binds a free port, which {@link
   * #boundAddresses()} then reports.
   */
  public static Frontend startOn(List<InetSocketAddress> listen, FrontendConfig limits, HttpHandler root)
      throws IOException {
    Objects.requireNonNull(root, "root");
    if (listen.isEmpty()) {
      throw new IllegalArgumentException("listen: [] (expected: at least one address)");
    }
    checkLimits(limits);
    Xnio xnio = Xnio.getInstance(Frontend.class.getClassLoader());
    log.debug("XNIO provider {}", xnio.getName());
    XnioWorker worker = xnio.createWorker(workerOptions(limits));
    ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4);
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(root);
    HttpOpenListener http = new HttpOpenListener(buffers, undertowOptions(limits));
    http.setRootHandler(new ExchangeTracker(graceful));
    int maxHeaderBytes = limits.maxHeaderBytes();
    Duration headerTimeout = limits.headerTimeout();
    ChannelListener<StreamConnection> guarded =
        connection -> {
          HeaderGuard.install(connection, maxHeaderBytes, headerTimeout);
          http.handleEvent(connection);
        };
    ChannelListener<AcceptingChannel<StreamConnection>> accept = ChannelListeners.openListenerAdapter(guarded);
    OptionMap socketOptions =
        OptionMap.builder()
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BACKLOG, 1024)
            .getMap();
    List<AcceptingChannel<StreamConnection>> servers = new ArrayList<>();
    try {
      for (InetSocketAddress address : listen) {
        AcceptingChannel<StreamConnection> server;
        try {
          server = worker.createStreamConnectionServer(address, accept, socketOptions);
        } catch (IOException e) {
          throw new IOException("Cannot listen on " + address + ": " + e.getMessage(), e);
        }
        servers.add(server);
        server.resumeAccepts();
      }
    } catch (IOException | RuntimeException | Error e) {
      servers.forEach(IoUtils::safeClose);
      worker.shutdownNow();
      buffers.close();
      throw e;
    }
    Frontend frontend = new Frontend(worker, buffers, http, graceful, List.copyOf(servers));
    log.debug("Listening for clients on {}", frontend.boundAddresses);
    return frontend;
  }

  /** The addresses actually bound, in the order given; real ports where 0 was asked for. */
  public List<InetSocketAddress> boundAddresses() {
    return boundAddresses;
  }

  /**
   * Stops accepting connections at once, lets exchanges in flight finish within {@code grace} (new
   * requests on open connections are answered 503 meanwhile), then closes every connection and stops
   * the I/O threads. Calling it again returns the first call's result.
   *
   * @return whether every exchange finished within the grace period and everything stopped
   */
  public synchronized boolean shutdown(Duration grace) {
    if (stopped != null) {
      return stopped;
    }
    servers.forEach(IoUtils::safeClose);
    graceful.shutdown();
    boolean drained;
    try {
      drained = graceful.awaitShutdown(Math.max(0, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    http.closeConnections();
    boolean workerStopped = stopWorker();
    buffers.close();
    stopped = drained && workerStopped;
    if (drained) {
      log.info("Stopped listening on {}", boundAddresses);
    } else {
      log.warn("Stopped listening on {}; exchanges still in flight after {} were cut off", boundAddresses, grace);
    }
    return stopped;
  }

  /** Shuts down without a grace period: exchanges in flight are cut off. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  private boolean stopWorker() {
    worker.shutdown();
    try {
      if (worker.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.shutdownNow();
    log.warn("The client I/O threads did not stop within {}", STOP_TIMEOUT);
    return false;
  }

  private static void checkLimits(FrontendConfig limits) {
    Objects.requireNonNull(limits, "limits");
    checkPositive("headerTimeout", limits.headerTimeout());
    checkPositive("idleTimeout", limits.idleTimeout());
    if (limits.maxHeaderBytes() < 1) {
      throw new IllegalArgumentException("maxHeaderBytes: " + limits.maxHeaderBytes() + " (expected: > 0)");
    }
    if (limits.maxBodyBytes() < 0) {
      throw new IllegalArgumentException("maxBodyBytes: " + limits.maxBodyBytes() + " (expected: >= 0)");
    }
    if (limits.ioThreads() < 0) {
      throw new IllegalArgumentException("ioThreads: " + limits.ioThreads() + " (expected: >= 0)");
    }
  }

  private static void checkPositive(String name, Duration value) {
    // Undertow takes whole milliseconds in an int, and the guard's linger is added to one of them.
    if (value == null || value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 1ms..12d)");
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /** The number of I/O threads {@code limits} asks for: its own, or one per available core. */
  public static int ioThreads(FrontendConfig limits) {
    return limits.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : limits.ioThreads();
  }

  private static OptionMap workerOptions(FrontendConfig limits) {
    return OptionMap.builder()
        .set(Options.WORKER_NAME, "tether-frontend")
        .set(Options.WORKER_IO_THREADS, ioThreads(limits))
        .set(Options.WORKER_TASK_CORE_THREADS, TASK_THREADS)
        .set(Options.WORKER_TASK_MAX_THREADS, TASK_THREADS)
        .getMap();
  }

  /**
   * Undertow's options. Not set, on purpose: IDLE_TIMEOUT (for HTTP/1.1 in this Undertow it only
   * stacks a conduit above the guard, hiding it, and arms no timer; NO_REQUEST_TIMEOUT is what
   * closes idle connections) and BUFFER_PIPELINED_DATA (buffered responses would be overtaken by a
   * guard's answer written below them).
   */
  private static OptionMap undertowOptions(FrontendConfig limits) {
    return OptionMap.builder()
        // Undertow's limit is only a backstop, high enough that the guard always decides first: it
        // may see a request whose first bytes the guard did not count (read ahead with the one before).
        .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes() + BUFFER_BYTES)
        // A body growing past this fails the read and Undertow closes the connection without an
        // answer. The handler counts bodies itself and answers 413 at maxBodyBytes, within one read of
        // the limit, so Undertow's limit sits one buffer above: a backstop that never fires first.
        .set(UndertowOptions.MAX_ENTITY_SIZE, saturatedAdd(limits.maxBodyBytes(), BUFFER_BYTES))
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
        // A silent backstop for a request the guard does not watch; it answers 408 and lingers first.
        .set(
            UndertowOptions.REQUEST_PARSE_TIMEOUT,
            (int) limits.headerTimeout().plus(HeaderGuard.LINGER).toMillis())
        .set(UndertowOptions.ALWAYS_SET_DATE, true)
        .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
        .set(UndertowOptions.ENABLE_HTTP2, false)
        .set(UndertowOptions.RECORD_REQUEST_START_TIME, false)
        .getMap();
  }
}
