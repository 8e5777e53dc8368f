package tether.examples.upgrade;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tether.examples.testing.HttpUser;

/**
 * One user's browser: its own cookie jar over a shared {@link HttpClient} that has none (see {@link
 * HttpUser#newClient}). Answers come back as {@link Page}s; a request that gets no answer throws {@link
 * IOException}.
 */
final class Visitor {

  private final HttpUser user;

  Visitor(HttpClient http, URI base) {
    this.user = new HttpUser(http, base);
  }

  Page get(String path) throws IOException, InterruptedException {
    return Page.of(user.get(path));
  }

  /** POSTs a form of one field. */
  Page post(String path, String field, String value) throws IOException, InterruptedException {
    return Page.of(user.post(path, field + "=" + value));
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

    static Page of(HttpResponse<String> response) {
      String body = response.body();
      String visits = group(VISITS, body);
      return new Page(response.statusCode(), response.headers().firstValue("X-Instance").orElse(null),
          group(SESSION, body), visits == null ? -1 : Integer.parseInt(visits), group(USER, body));
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
