package tether.admin;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Keeps other web sites from making a signed-in browser change things. Only calls that carry the
 * session cookie need it: a bearer token is never sent by a browser on its own.
 *
 * <p>Two checks, both required. The {@code X-CSRF-Token} header must equal the session's token, which
 * only the console's own pages have read. And the {@code Origin} (or, when a browser leaves it out,
 * the {@code Referer}) must name the admin listener itself: its configured address, or the host the
 * browser was talking to (the {@code Host} header, which a page on another site cannot set).
 */
final class CsrfGuard {

  static final String HEADER = "X-CSRF-Token";

  private final String listenHost;
  private volatile int listenPort;

  CsrfGuard(String listenHost) {
    String host = listenHost.toLowerCase(Locale.ROOT);
    // URIs and Host headers write IPv6 addresses in brackets.
    this.listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  void listening(int port) {
    this.listenPort = port;
  }

  /** Throws a 403 naming the check that failed. */
  void check(HttpServerExchange exchange, ConsoleSession session) {
    String token = exchange.getRequestHeaders().getFirst(HEADER);
    if (token == null || token.isEmpty()) {
      throw new ApiProblem(403, HEADER, HEADER + ": missing (expected: the csrfToken from POST /api/session)");
    }
    if (!Secrets.equal(token, session.csrfToken())) {
      throw new ApiProblem(403, HEADER, HEADER + ": wrong token (expected: the csrfToken of this session)");
    }
    checkOrigin(exchange, true);
  }

  /**
   * The origin check alone. With {@code required} false (sign-in, which has no session yet) a call
   * without {@code Origin} and {@code Referer} passes, as scripts make them.
   */
  void checkOrigin(HttpServerExchange exchange, boolean required) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    String header = "Origin";
    if (origin == null) {
      origin = exchange.getRequestHeaders().getFirst(Headers.REFERER);
      header = "Referer";
    }
    if (origin == null) {
      if (required) {
        throw new ApiProblem(403, "Origin",
            "Origin: missing (expected: an Origin or Referer header naming this admin listener)");
      }
      return;
    }
    String hostPort = hostPort(origin);
    if (hostPort == null || !isOwn(hostPort, origin, exchange.getRequestHeaders().getFirst(Headers.HOST))) {
      throw new ApiProblem(403, header, header + ": " + origin
          + " (expected: this admin listener, " + listenHost + ":" + listenPort + ")");
    }
  }

  private boolean isOwn(String hostPort, String origin, String hostHeader) {
    if (hostPort.equals(listenHost + ":" + listenPort)) {
      return true;
    }
    if (hostHeader == null || hostHeader.isEmpty()) {
      return false;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    if (host.lastIndexOf(':') <= host.lastIndexOf(']')) {
      // No port in Host: the browser used the scheme's default, as the origin must have too.
      host = host + ":" + defaultPort(origin.toLowerCase(Locale.ROOT).startsWith("https:") ? "https" : "http");
    }
    return hostPort.equals(host);
  }

  /** "host:port" of an Origin or Referer, in lower case with the default port filled in; or null. */
  static String hostPort(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      int port = uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort();
      return host.toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}
