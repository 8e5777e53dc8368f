package tether.examples.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tether.examples.testing.HttpUser;

/**
 * A user of the demo app behind the proxy, as a browser would be: its own cookies (the proxy's affinity
 * cookie and the app's session cookie), a sign-in, page views that keep the session alive, a sign-out.
 * Every answer must come from the instance that served the first one; anything else is a problem.
 */
final class SiteUser implements AutoCloseable {

  /** A page view under way ends within a request's timeout. */
  private static final Duration STOP_TIMEOUT = HttpUser.TIMEOUT;

  private final HttpUser http;
  private final List<String> problems = new ArrayList<>();
  private final ScheduledExecutorService visits = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "site-user");
    thread.setDaemon(true);
    return thread;
  });
  private String instance;
  private int pageViews;

  SiteUser(URI base) {
    this.http = new HttpUser(HttpUser.newClient(), base);
  }

  /** Opens a session and signs in as {@code name}; answers the instance that holds the session. */
  synchronized String signIn(String name) throws IOException, InterruptedException {
    HttpResponse<String> first = http.get("/api/session");
    instance = first.headers().firstValue("X-Instance").orElse(null);
    check("GET /api/session", first, 200);
    check("POST /login", http.post("/login", "user=" + name), 303);
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
      check("POST /logout", http.post("/logout", "bye=1"), 303);
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
    if (!visits.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("the user's page views did not stop within " + STOP_TIMEOUT);
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
    HttpResponse<String> page = http.get("/api/session");
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
}
