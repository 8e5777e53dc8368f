package tether.examples.affinity;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One simulated user: its own cookie jar and the headers it always sends. Many browsers share one
 * {@link HttpClient} (and so its connections) but never cookies: the client has no cookie handler,
 * and each browser keeps the cookies it was given.
 *
 * <p>A browser may also keep the application's session id out of its cookies and send it in the URL
 * instead ({@code ?sid=ID}), as a client without cookies does.
 */
final class Browser {

  static final String APP_COOKIE = "JSESSIONID";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final boolean idInQuery;
  private String sid;

  private Browser(HttpClient http, boolean idInQuery) {
    this.http = http;
    this.idInQuery = idInQuery;
  }

  /**
   * A plain HTTP/1.1 client, started: no cookie store, no redirects, no content decoding; stop it when
   * done. Jetty's rather than the JDK's: under thousands of requests a second the JDK 17 client's
   * connection pool now and then takes the response to a request on a just-reused connection for stray
   * data on an idle one, closes the connection and sends the request again (its log: "connection
   * closed locally" from ConnectionPool$CleanupTrigger.onNext), which the application counts as an
   * extra visit.
   */
  static HttpClient newClient() {
    HttpClient client = new HttpClient();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("browser");
    threads.setDaemon(true);
    client.setExecutor(threads);
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.getContentDecoderFactories().clear();
    client.setConnectTimeout(TIMEOUT.toMillis());
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the browsers' HTTP client", e);
    }
    return client;
  }

  /** Stops a client made by {@link #newClient}. */
  static void stop(HttpClient client) {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the browsers' HTTP client", e);
    }
  }

  /** A browser that keeps every cookie it is given. */
  static Browser withCookies(HttpClient http) {
    return new Browser(http, false);
  }

  /** A browser that sends the application's session id as {@code ?sid=} instead of its cookie. */
  static Browser withSessionIdInQuery(HttpClient http) {
    return new Browser(http, true);
  }

  /** Sends this header with every request. */
  Browser header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  /** GET {@code base + path}, with this browser's cookies and headers; keeps the cookies it is given. */
  Visit get(URI base, String path) {
    String target = path;
    if (idInQuery && sid != null) {
      target += (path.indexOf('?') < 0 ? "?" : "&") + "sid=" + sid;
    }
    Request request = http.newRequest(URI.create(base + target)).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    request.headers(fields -> {
      headers.forEach(fields::add);
      if (!cookies.isEmpty()) {
        StringJoiner header = new StringJoiner("; ");
        cookies.forEach((name, value) -> header.add(name + "=" + value));
        fields.add("Cookie", header.toString());
      }
    });
    ContentResponse response;
    try {
      response = request.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + base + target, e);
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException("GET " + base + target, e);
    }
    Map<String, List<String>> received = new LinkedHashMap<>();
    for (HttpField field : response.getHeaders()) {
      received.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
    }
    HttpHeaders responseHeaders = HttpHeaders.of(received, (name, value) -> true);
    responseHeaders.allValues("Set-Cookie").forEach(this::keep);
    return Visit.of(response.getStatus(), responseHeaders, response.getContentAsString());
  }

  private void keep(String setCookie) {
    int semicolon = setCookie.indexOf(';');
    String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    boolean deleted = value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
    if (idInQuery && name.equals(APP_COOKIE)) {
      sid = deleted ? null : value;
    } else if (deleted) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }
}
