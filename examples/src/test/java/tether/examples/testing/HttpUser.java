package tether.examples.testing;

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

/**
 * One user of a site over HTTP, with its own cookies as a browser keeps them: it sends them with every
 * request and keeps what each answer sets. Many users may share one {@link HttpClient} from {@link
 * #newClient}, which has no cookie handler of its own, without sharing cookies. A request that gets no
 * answer throws {@link IOException}. Like a person, a user does one thing at a time: it is not safe for
 * use by several threads at once.
 */
public final class HttpUser {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public HttpUser(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** HTTP/1.1, no cookie handler, no redirects: each user keeps its cookies and sees every 303. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** POSTs {@code form}, a form already encoded such as {@code user=ada}. */
  public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
    return send(request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
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
