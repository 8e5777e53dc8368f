package tether.admin;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.AdminSettings.Role;

/**
 * The console's sign-in ({@code POST /api/session}), sign-out ({@code DELETE}) and "who am I" ({@code
 * GET}). Scripts need none of it: they send their token with every call.
 */
final class SessionActions {

  /** What the API says about the caller; {@code csrfToken} only for a console session. */
  record SessionInfo(String name, Role role, String via, Instant expires, String csrfToken) {}

  private static final Logger log = LoggerFactory.getLogger(SessionActions.class);

  private final Authenticator authenticator;
  private final ConsoleSessions sessions;
  private final CsrfGuard csrf;
  private final Duration ttl;
  private final boolean secureCookie;

  SessionActions(
      Authenticator authenticator, ConsoleSessions sessions, CsrfGuard csrf, Duration ttl, boolean secureCookie) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.csrf = csrf;
    this.ttl = ttl;
    this.secureCookie = secureCookie;
  }

  Reply signIn(Call call) {
    // A page on another site must not sign the browser in under a token of its choosing.
    csrf.checkOrigin(call.exchange(), false);
    String secret = call.body().allow("token").text("token", "an admin token");
    TokenRegistry.Identity identity = authenticator.identify(secret, call.exchange());
    if (identity == null) {
      log.info("Console sign-in refused from {}", call.exchange().getSourceAddress());
      throw new ApiProblem(401, "token", "token: unknown (expected: a configured admin token)");
    }
    ConsoleSessions.Opened opened = sessions.open(identity);
    call.header("Set-Cookie", cookie(opened.id(), ttl.toSeconds()));
    log.info("Console sign-in by {} ({})", identity.name(), Wire.name(identity.role()));
    return Reply.ok(info(new Caller(identity.name(), identity.role(), opened.session())));
  }

  Reply who(Call call) {
    return Reply.ok(info(call.caller()));
  }

  Reply signOut(Call call) {
    Caller caller = call.caller();
    if (caller.viaSession()) {
      sessions.close(caller.session());
      log.info("Console sign-out by {}", caller.name());
    }
    call.header("Set-Cookie", cookie("", 0));
    return Reply.noContent();
  }

  private String cookie(String value, long maxAgeSeconds) {
    return Authenticator.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
  }

  private static SessionInfo info(Caller caller) {
    ConsoleSession session = caller.session();
    return session == null
        ? new SessionInfo(caller.name(), caller.role(), caller.via(), null, null)
        : new SessionInfo(caller.name(), caller.role(), caller.via(), session.expires(), session.csrfToken());
  }
}
