package tether.admin;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;

/**
 * Finds out who is calling: a bearer token when there is an {@code Authorization} header (and then
 * only that), the console's session cookie otherwise. A call with neither, or with one that is not
 * recognised, is refused with 401.
 */
final class Authenticator {

  static final String COOKIE = "tether-admin";

  private final TokenRegistry tokens;
  private final ConsoleSessions sessions;
  private final GuessLimiter guesses;

  Authenticator(TokenRegistry tokens, ConsoleSessions sessions, GuessLimiter guesses) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.guesses = guesses;
  }

  Caller authenticate(HttpServerExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (authorization != null) {
      return bearer(authorization, address(exchange));
    }
    Cookie cookie = exchange.getRequestCookie(COOKIE);
    if (cookie != null && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
      ConsoleSession session = sessions.find(cookie.getValue()).orElseThrow(() -> new ApiProblem(401, null,
          "session: unknown or expired (expected: sign in again at POST /api/session)"));
      return new Caller(session.name(), session.role(), session);
    }
    throw new ApiProblem(401, null,
        "credentials: missing (expected: Authorization: Bearer <token>, or a console session)");
  }

  /** The token's identity, or null: for sign-in, which takes the secret from the body. */
  TokenRegistry.Identity identify(String secret, HttpServerExchange exchange) {
    String address = address(exchange);
    guesses.check(address);
    TokenRegistry.Identity identity = tokens.match(secret);
    if (identity == null) {
      guesses.failed(address);
    }
    return identity;
  }

  private static String address(HttpServerExchange exchange) {
    return exchange.getSourceAddress().getAddress().getHostAddress();
  }

  private Caller bearer(String authorization, String address) {
    guesses.check(address);
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? authorization : authorization.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw new ApiProblem(401, null,
          "Authorization: " + scheme + " scheme (expected: Bearer <token>)");
    }
    TokenRegistry.Identity identity = tokens.match(authorization.substring(space + 1).trim());
    if (identity == null) {
      guesses.failed(address);
      throw new ApiProblem(401, null, "Authorization: unknown token (expected: a configured admin token)");
    }
    return new Caller(identity.name(), identity.role(), null);
  }
}
