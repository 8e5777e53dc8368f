package tether.examples.demo;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.session.SessionConfig;
import io.undertow.server.session.SessionCookieConfig;
import java.util.Deque;

/**
 * Finds the session id a request names, in the order a servlet container checks: the
 * {@code JSESSIONID} cookie, then a {@code ;jsessionid=} path parameter, then a {@code ?sid=} query
 * parameter. The URL forms let clients without cookies keep a session, and let a proxy practise
 * URL-based affinity against this app. New ids are always handed out in the cookie.
 */
final class SessionIdLookup implements SessionConfig {

  static final String COOKIE = "JSESSIONID";
  static final String PATH_PARAMETER = "jsessionid";
  static final String QUERY_PARAMETER = "sid";

  /** Where a request carried its session id. */
  enum Source {
    COOKIE,
    PATH_PARAMETER,
    QUERY_PARAMETER
  }

  /** A session id and where it came from. */
  record Found(String id, Source source) {}

  private final SessionCookieConfig cookie;

  SessionIdLookup(SessionCookieConfig cookie) {
    this.cookie = cookie;
  }

  /** The id the request names, or {@code null}. */
  Found find(HttpServerExchange exchange) {
    Cookie fromCookie = exchange.getRequestCookie(COOKIE);
    if (fromCookie != null && !fromCookie.getValue().isEmpty()) {
      return new Found(fromCookie.getValue(), Source.COOKIE);
    }
    String fromPath = first(exchange.getPathParameters().get(PATH_PARAMETER));
    if (fromPath != null) {
      return new Found(fromPath, Source.PATH_PARAMETER);
    }
    String fromQuery = first(exchange.getQueryParameters().get(QUERY_PARAMETER));
    if (fromQuery != null) {
      return new Found(fromQuery, Source.QUERY_PARAMETER);
    }
    return null;
  }

  private static String first(Deque<String> values) {
    if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
      return null;
    }
    return values.getFirst();
  }

  @Override
  public String findSessionId(HttpServerExchange exchange) {
    Found found = find(exchange);
    return found == null ? null : found.id();
  }

  @Override
  public void setSessionId(HttpServerExchange exchange, String sessionId) {
    cookie.setSessionId(exchange, sessionId);
  }

  @Override
  public void clearSession(HttpServerExchange exchange, String sessionId) {
    cookie.clearSession(exchange, sessionId);
  }

  @Override
  public SessionCookieSource sessionCookieSource(HttpServerExchange exchange) {
    Found found = find(exchange);
    if (found == null) {
      return SessionCookieSource.NONE;
    }
    return found.source() == Source.COOKIE ? SessionCookieSource.COOKIE : SessionCookieSource.URL;
  }

  /** Links keep whichever URL form the request used, so a cookie-less client stays in its session. */
  String rewrite(String path, Source source, String sessionId) {
    if (source == Source.PATH_PARAMETER) {
      return path + ";" + PATH_PARAMETER + "=" + sessionId;
    }
    if (source == Source.QUERY_PARAMETER) {
      return path + "?" + QUERY_PARAMETER + "=" + sessionId;
    }
    return path;
  }

  @Override
  public String rewriteUrl(String originalUrl, String sessionId) {
    return originalUrl;
  }
}
