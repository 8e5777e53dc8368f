package tether.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tether.admin.AdminSettings.Role;
import tether.admin.AdminSettings.Token;

/**
 * A real {@link AdminServer} on a loopback port over a {@link FakeEngine}, and an HTTP client to call
 * it. Close it after each test. Public for the console's browser tests in {@code tether.admin.console}.
 */
public final class TestAdmin implements AutoCloseable {

  public static final String OPERATOR = "operator-secret-0123456789";
  public static final String VIEWER = "viewer-secret-0123456789";
  public static final Duration SESSION_TTL = Duration.ofHours(8);

  private static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  public final FakeEngine engine = new FakeEngine(clock);
  final AdminServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public TestAdmin() {
    AdminSettings settings = new AdminSettings("127.0.0.1", 0,
        List.of(new Token("alice", Role.OPERATOR, OPERATOR), new Token("victor", Role.VIEWER, VIEWER)),
        SESSION_TTL, false);
    server = new AdminServer(settings, engine, clock);
    server.start();
  }

  /** Moves the admin server's clock on, to expire console sessions. */
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  /** {@code http://127.0.0.1:port}, where the console is served at {@code /}. */
  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A request to {@code path} with no credentials yet. */
  public HttpRequest.Builder request(String method, String path, String jsonBody) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
    if (jsonBody == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** As the operator, by bearer token. */
  public HttpResponse<String> operator(String method, String path, String jsonBody) {
    return send(request(method, path, jsonBody).header("Authorization", "Bearer " + OPERATOR));
  }

  /** As the viewer, by bearer token. */
  public HttpResponse<String> viewer(String method, String path, String jsonBody) {
    return send(request(method, path, jsonBody).header("Authorization", "Bearer " + VIEWER));
  }

  /** Signs in as the console does; answers the cookie to send back and the CSRF token. */
  Console signIn(String secret) {
    HttpResponse<String> response = send(request("POST", "/api/session", "{\"token\":\"" + secret + "\"}"));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sign-in: " + response.statusCode() + " " + response.body());
    }
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new Console(setCookie.substring(0, setCookie.indexOf(';')), json(response).get("csrfToken").asText());
  }

  /** A signed-in console: what its requests carry. */
  record Console(String cookie, String csrfToken) {}

  /** A request as the console's own page would send it: cookie, CSRF token and Origin. */
  HttpRequest.Builder fromConsole(Console console, String method, String path, String jsonBody) {
    return request(method, path, jsonBody)
        .header("Cookie", console.cookie())
        .header("X-CSRF-Token", console.csrfToken())
        .header("Origin", base());
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
