package tether.examples.affinity;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One response as a session saw it. For {@code /api/session} the demo app's JSON gives the instance,
 * the application session and its visit counter; other answers (Tether's own 503, say) leave them
 * empty.
 *
 * @param instance the {@code X-Instance} header: the demo instance that answered, or null
 * @param session  the application session id from the JSON, or null
 * @param visits   the session's visit counter from the JSON, or -1
 */
record Visit(int status, String instance, String session, int visits, HttpHeaders headers, String body) {

  private static final Pattern SESSION = Pattern.compile("\"session\":\"([^\"]*)\"");
  private static final Pattern VISITS = Pattern.compile("\"visits\":(\\d+)");

  static Visit of(int status, HttpHeaders headers, String body) {
    return new Visit(status, headers.firstValue("X-Instance").orElse(null), group(SESSION, body),
        Integer.parseInt(Optional.ofNullable(group(VISITS, body)).orElse("-1")), headers, body);
  }

  List<String> setCookies() {
    return headers.allValues("Set-Cookie");
  }

  /** The value this response sets for cookie {@code name}, if it sets one. */
  Optional<String> setCookie(String name) {
    return setCookies().stream()
        .filter(h -> h.startsWith(name + "="))
        .map(h -> h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')))
        .findFirst();
  }

  /** A short line for failure messages. */
  String brief() {
    return status + " " + instance + " visits=" + visits + " session=" + session;
  }

  private static String group(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
