package tether.examples.demo;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.InMemorySessionManager;
import io.undertow.server.session.Session;
import io.undertow.server.session.SessionConfig;
import io.undertow.server.session.SessionCookieConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's sessions, held only in its own memory as a servlet container holds them: another
 * instance knows none of them, which is exactly why a proxy in front needs affinity.
 */
final class DemoSessions {

  private static final String VISITS = "visits";
  private static final String USER = "user";
  // No limit on the count: the demo runs on a laptop and sessions expire after the timeout.
  private static final int UNLIMITED = -1;

  private final InMemorySessionManager manager;
  private final SessionIdLookup lookup;
  private final SessionConfig freshId;

  DemoSessions(String instanceName, String route, int timeoutSeconds) {
    SessionCookieConfig cookie =
        new SessionCookieConfig().setCookieName(SessionIdLookup.COOKIE).setPath("/").setHttpOnly(true);
    this.lookup = new SessionIdLookup(cookie);
    this.freshId = new FreshIdConfig(lookup);
    this.manager =
        new InMemorySessionManager(
            new RoutedSessionIdGenerator(route), instanceName, UNLIMITED, false, false);
    manager.setDefaultSessionTimeout(timeoutSeconds);
  }

  void start() {
    manager.start();
  }

  void stop() {
    manager.stop();
  }

  /** The session the request names, or {@code null} if it names none or one this instance lacks. */
  Session find(HttpServerExchange exchange) {
    return manager.getSession(exchange, lookup);
  }

  Session findOrCreate(HttpServerExchange exchange) {
    Session session = find(exchange);
    return session != null ? session : manager.createSession(exchange, freshId);
  }

  /**
   * The path to link to from a page, carrying the session id in the URL when the request did, so
   * that a client without cookies stays in its session.
   */
  String link(HttpServerExchange exchange, Session session, String path) {
    SessionIdLookup.Found found = lookup.find(exchange);
    if (session == null || found == null) {
      return path;
    }
    return lookup.rewrite(path, found.source(), session.getId());
  }

  /** Counts one more visit and returns the new count. */
  static int recordVisit(Session session) {
    return counter(session).incrementAndGet();
  }

  static int visits(Session session) {
    return counter(session).get();
  }

  private static AtomicInteger counter(Session session) {
    // Two first requests of one session may race; the lock keeps them on one counter.
    synchronized (session) {
      Object value = session.getAttribute(VISITS);
      if (value instanceof AtomicInteger existing) {
        return existing;
      }
      AtomicInteger created = new AtomicInteger();
      session.setAttribute(VISITS, created);
      return created;
    }
  }

  /** The signed-in user name, or {@code null}. */
  static String user(Session session) {
    return (String) session.getAttribute(USER);
  }

  static void signIn(Session session, String user) {
    session.setAttribute(USER, user);
  }

  static void signOut(Session session) {
    session.removeAttribute(USER);
  }

  /**
   * Creates sessions under a new id even when the request named an unknown one. Undertow would
   * otherwise adopt the requested id, and a session id minted by another instance (with that
   * instance's route suffix) would come back to life here.
   */
  private static final class FreshIdConfig implements SessionConfig {
    private final SessionConfig delegate;

    FreshIdConfig(SessionConfig delegate) {
      this.delegate = delegate;
    }

    @Override
    public String findSessionId(HttpServerExchange exchange) {
      return null;
    }

    @Override
    public void setSessionId(HttpServerExchange exchange, String sessionId) {
      delegate.setSessionId(exchange, sessionId);
    }

    @Override
    public void clearSession(HttpServerExchange exchange, String sessionId) {
      delegate.clearSession(exchange, sessionId);
    }

    @Override
    public SessionCookieSource sessionCookieSource(HttpServerExchange exchange) {
      return SessionCookieSource.NONE;
    }

    @Override
    public String rewriteUrl(String originalUrl, String sessionId) {
      return originalUrl;
    }
  }
}
