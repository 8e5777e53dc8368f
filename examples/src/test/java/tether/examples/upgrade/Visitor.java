package tether.examples.upgrade;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user's browser: its own cookie jar over a shared {@link HttpClient} that has none. Answers come
 * back as {@link Page}s; a request that gets no answer throws {@link IOException}.
 */
final class Visitor {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  Visitor(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** HTTP/1.1, no cookie handler, no redirects: each visitor keeps its cookies and sees every 303. */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  Page get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** POSTs a form of one field. */
  Page post(String path, String field, String value) throws IOException, InterruptedException {
    return send(request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(field + "=" + value)));
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

  private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    response.headers().allValues("Set-Cookie").forEach(this::keep);
    return Page.of(response.statusCode(), response.headers().firstValue("X-Instance").orElse(null), response.body());
  }

  private void keep(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  /**
   * One answer. For {@code /api/session}, the demo app's JSON gives the session id, its visit counter
   * and the signed-in user; other answers leave them empty.
   *
   * @param instance the {@code X-Instance} header: the demo instance (and version) that answered, or null
   * @param visits the visit counter, or -1
   * @param user the signed-in user, or null
   */
  record Page(int status, String instance, String session, int visits, String user) {

    private static final Pattern SESSION = Pattern.compile("\"session\":\"([^\"]*)\"");
    private static final Pattern VISITS = Pattern.compile("\"visits\":(\\d+)");
    private static final Pattern USER = Pattern.compile("\"user\":\"([^\"]*)\"");

    static Page of(int status, String instance, String body) {
      String visits = group(VISITS, body);
      return new Page(status, instance, group(SESSION, body), visits == null ? -1 : Integer.parseInt(visits),
          group(USER, body));
    }

    /** A short line for reports. */
    String brief() {
      return status + " from " + instance + ", visits=" + visits + ", user=" + user + ", session=" + session;
    }

    private static String group(Pattern pattern, String body) {
      Matcher m = pattern.matcher(body);
      return m.find() ? m.group(1) : null;
    }
  }
}
