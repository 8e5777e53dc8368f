package tether.proxy.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import tether.proxy.config.HealthCheckConfig;
import tether.proxy.config.HealthCheckConfig.HttpSettings;

/**
 * Checks a server with one HTTP request and judges its status, the start of its body and its control
 * header. It has its own client, apart from the one that forwards traffic, so that checks never queue
 * behind requests for a busy server's connections, and so that its time-outs are the check's.
 */
public final class HttpProbe implements Probe {

  /** The most of a body a check reads; the rest is not waited for, and the connection is dropped. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  static final String USER_AGENT = "tether-health-check";

  private final HttpSettings settings;
  private final long timeoutMillis;
  private final Pattern bodyRegex;
  private final HttpClient client;

  /** A probe with a started client; {@link #close()} stops it. */
  public HttpProbe(HealthCheckConfig config) {
    this.settings = config.http();
    this.timeoutMillis = Math.max(1, config.timeout().toMillis());
    this.bodyRegex = settings.bodyRegex() == null ? null : Pattern.compile(settings.bodyRegex());
    QueuedThreadPool threads = new QueuedThreadPool(8, 1);
    threads.setName("tether-health");
    threads.setDaemon(true);
    // No reserved threads: a handful of checks never needs a thread held back for them.
    threads.setReservedThreads(0);
    client = new HttpClient();
    client.setExecutor(threads);
    // Its own time-outs run here; a daemon, like the pool, so a probe left open never holds the JVM up.
    client.setScheduler(new ScheduledExecutorScheduler("tether-health-timer", true));
    // A check judges the server's own answer: a redirect is an answer, a cookie is no memory to keep,
    // and an encoded body is judged as sent.
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.getContentDecoderFactories().clear();
    client.getProtocolHandlers().clear();
    client.setUserAgentField(null);
    client.setConnectTimeout(timeoutMillis);
    client.setMaxConnectionsPerDestination(2);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the health check client", e);
    }
  }

  @Override
  public CompletableFuture<CheckResult> check(CheckTarget target) {
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    try {
      Request request = client.newRequest(URI.create("http://" + target.address()))
          .method(settings.method())
          .path(settings.path())
          .agent(USER_AGENT)
          .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
      if (settings.host() != null) {
        request.headers(h -> h.put(HttpHeader.HOST, settings.host()));
      }
      request.send(new ResponseReader(this, result));
    } catch (RuntimeException e) {
      result.complete(CheckResult.failure(e));
    }
    return result;
  }

  /** The verdict on a response whose body was read up to {@link #MAX_BODY_BYTES}. */
  CheckResult judge(int status, String controlValue, byte[] body, int bodyLength, boolean truncated) {
    Directive directive = settings.controlHeader().isEmpty() ? null : ControlHeader.parse(controlValue);
    if (status == 404 && settings.softStopOn404()) {
      Integer weight = directive == null ? null : directive.weightPercent();
      return new CheckResult(true, "HTTP 404: soft stop, drain", new Directive(AgentState.DRAIN, weight));
    }
    if (!settings.accepts(status)) {
      return new CheckResult(false, "HTTP " + status + " (expected: " + statuses() + ")", directive);
    }
    if (settings.bodyContains() == null && bodyRegex == null) {
      return new CheckResult(true, "HTTP " + status, directive);
    }
    String text = new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    boolean found = bodyRegex != null ? bodyRegex.matcher(text).find() : text.contains(settings.bodyContains());
    String sought = bodyRegex != null ? "a match of " + bodyRegex.pattern() : settings.bodyContains();
    String where = truncated ? "its first " + bodyLength + " bytes" : "the body";
    return new CheckResult(found,
        "HTTP " + status + (found ? ", found " : ", did not find ") + sought + " in " + where, directive);
  }

  /** Whether the body matters to the verdict; when not, none of it is kept. */
  boolean needsBody() {
    return settings.bodyContains() != null || bodyRegex != null;
  }

  String controlHeader() {
    return settings.controlHeader();
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  private String statuses() {
    return String.join(", ", settings.statuses().stream().map(Object::toString).toList());
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the health check client", e);
    }
  }
}
