package tether.examples.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A user of the demo app behind the proxy, as a browser would be: its own cookies (the proxy's affinity
 * cookie and the app's session cookie), a sign-in, page views that keep the session alive, a sign-out.
 * Every answer must come from the instance that served the first one; anything else is a problem.
 */
final class SiteUser implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final ScheduledExecutorService visits = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "site-user");
    thread.setDaemon(true);
    return thread;
  });
  private String instance;
  private int pageViews;

  SiteUser(URI base) {
    this.base = base;
  }

  /** Opens a session and signs in as {@code name}; answers the instance that holds the session. */
  synchronized String signIn(String name) throws IOException, InterruptedException {
    HttpResponse<String> first = send(request("/api/session").GET());
    instance = first.headers().firstValue("X-Instance").orElse(null);
    check("GET /api/session", first, 200);
    check("POST /login", send(form("/login", "user=" + name)), 303);
    String signedIn = "\"user\":\"" + name + "\"";
    HttpResponse<String> page = view();
    if (!page.body().contains(signedIn)) {
      problems.add("after sign-in, expected " + signedIn + " in " + page.body());
    }
    return instance;
  }

  /** Views a page every {@code pause} from now on, so that the session stays live, until {@link #signOut}. */
  void keepVisiting(Duration pause) {
    visits.scheduleWithFixedDelay(this::visit, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops viewing pages and signs out: from then on the session sees no more requests. */
  void signOut() throws IOException, InterruptedException {
    stopVisiting();
    synchronized (this) {
      check("POST /logout", send(form("/logout", "bye=1")), 303);
    }
  }

  synchronized int pageViews() {
    return pageViews;
  }

  /** What went wrong so far: an unexpected status, another instance, no answer. */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() {
    visits.shutdownNow();
  }

  private void stopVisiting() throws InterruptedException {
    visits.shutdown();
    if (!visits.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("the user's page views did not stop within " + TIMEOUT);
    }
  }

  private synchronized void visit() {
    try {
      view();
    } catch (IOException e) {
      problems.add("GET /api/session: no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<String> view() throws IOException, InterruptedException {
    HttpResponse<String> page = send(request("/api/session").GET());
    pageViews++;
    check("GET /api/session", page, 200);
    return page;
  }

  private void check(String what, HttpResponse<String> response, int status) {
    String from = response.headers().firstValue("X-Instance").orElse(null);
    if (response.statusCode() != status || instance == null || !instance.equals(from)) {
      problems.add(what + ": " + response.statusCode() + " from " + from + " (expected: " + status + " from "
          + instance + ")");
    }
  }

  private HttpRequest.Builder form(String path, String body) {
    return request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (!cookies.isEmpty()) {
      StringJoiner header = new StringJoiner("; ");
      cookies.forEach((name, value) -> header.add(name + "=" + value));
      request.header("Cookie", header.toString());
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    response.headers().allValues("Set-Cookie").forEach(this::keep);
    return response;
  }

  private void keep(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      return;
    }
    String name = pair.substring(0, equals).trim();
    String value = pair.substring(equals + 1).trim();
    if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }
}
