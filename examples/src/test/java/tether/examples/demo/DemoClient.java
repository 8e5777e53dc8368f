package tether.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client for the tests: no cookie store and no redirects, so each test sees both. */
final class DemoClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern SESSION_COOKIE = Pattern.compile("^JSESSIONID=([^;]*)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

  HttpResponse<String> get(DemoApp app, String pathAndQuery) {
    return send(request(app, pathAndQuery).GET().build());
  }

  HttpResponse<String> get(DemoApp app, String pathAndQuery, String sessionId) {
    return send(request(app, pathAndQuery).header("Cookie", "JSESSIONID=" + sessionId).GET().build());
  }

  HttpResponse<String> postForm(DemoApp app, String path, String sessionId, String form) {
    HttpRequest.Builder builder = request(app, path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (sessionId != null) {
      builder.header("Cookie", "JSESSIONID=" + sessionId);
    }
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder request(DemoApp app, String pathAndQuery) {
    String base = app.baseUri().toString();
    URI uri = URI.create(base.substring(0, base.length() - 1) + pathAndQuery);
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
  }

  /** The raw {@code Set-Cookie} header for the session cookie, if the response set one. */
  static Optional<String> sessionCookieHeader(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(value -> value.startsWith("JSESSIONID="))
        .findFirst();
  }

  /** The session id the response handed out in its cookie, if any. */
  static Optional<String> sessionCookie(HttpResponse<?> response) {
    return sessionCookieHeader(response).map(value -> {
      Matcher matcher = SESSION_COOKIE.matcher(value);
      return matcher.find() ? matcher.group(1) : null;
    });
  }
}
