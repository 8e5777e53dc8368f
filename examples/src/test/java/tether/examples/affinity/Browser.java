package tether.examples.affinity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

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

  /** A plain HTTP/1.1 client: no cookie handler, no redirects. */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target)).timeout(TIMEOUT).GET();
    headers.forEach(request::header);
    if (!cookies.isEmpty()) {
      StringJoiner header = new StringJoiner("; ");
      cookies.forEach((name, value) -> header.add(name + "=" + value));
      request.header("Cookie", header.toString());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + base + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + base + target, e);
    }
    response.headers().allValues("Set-Cookie").forEach(this::keep);
    return Visit.of(response.statusCode(), response.headers(), response.body());
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
