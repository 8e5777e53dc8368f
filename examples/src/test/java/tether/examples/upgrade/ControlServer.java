package tether.examples.upgrade;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the upgrade script's hooks call to stop and start demo instances: {@code POST /stop/{id}} and
 * {@code POST /start/{id}} on 127.0.0.1. Each answers once the instance is stopped or listening, so a
 * hook such as {@code curl -fsS -X POST http://127.0.0.1:PORT/stop/{id}} returns when it is done, and
 * fails (404, 405, 409) on anything else. Counts the calls that did something, per instance.
 */
final class ControlServer implements AutoCloseable {

  private static final Pattern ACTION = Pattern.compile("/(stop|start)/([^/]+)");

  private final DemoInstances instances;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AtomicInteger> stops = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

  private ControlServer(DemoInstances instances, HttpServer server, ExecutorService executor) {
    this.instances = instances;
    this.server = server;
    this.executor = executor;
  }

  static ControlServer start(DemoInstances instances) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // One at a time, as an operator's hooks run.
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "upgrade-control"));
    ControlServer control = new ControlServer(instances, server, executor);
    server.createContext("/", control::handle);
    server.setExecutor(executor);
    server.start();
    return control;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code curl -fsS -X POST http://127.0.0.1:PORT/ACTION/{id}}: a hook for the script. */
  String hook(String action) {
    return "curl -fsS -X POST http://127.0.0.1:" + port() + "/" + action + "/{id}";
  }

  int stops(String id) {
    return stops.getOrDefault(id, new AtomicInteger()).get();
  }

  int starts(String id) {
    return starts.getOrDefault(id, new AtomicInteger()).get();
  }

  private record Answer(int status, String text) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = act(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
      } catch (RuntimeException e) {
        answer = new Answer(500, e.toString());
      }
      byte[] body = (answer.text() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().put("Content-Type", List.of("text/plain; charset=utf-8"));
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Answer act(String method, String path) {
    Matcher m = ACTION.matcher(path);
    if (!m.matches()) {
      return new Answer(404, "path: " + path + " (expected: /stop/ID or /start/ID)");
    }
    if (!method.equals("POST")) {
      return new Answer(405, "method: " + method + " (expected: POST)");
    }
    boolean stop = m.group(1).equals("stop");
    String id = m.group(2);
    if (!instances.ids().contains(id)) {
      return new Answer(404, "id: " + id + " (expected: one of " + instances.ids() + ")");
    }
    if (!(stop ? instances.stop(id) : instances.start(id))) {
      return new Answer(409, id + ": " + (stop ? "not running" : "running already"));
    }
    (stop ? stops : starts).computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
    return new Answer(200, stop ? id + " stopped" : DemoInstances.name(id, instances.version(id)) + " started");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
