package tether.admin;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the admin listener runs.
 *
 * @param host the address to listen on; keep the loopback default unless a TLS front end or a
 *     private network stands before it
 * @param port the port, or 0 for any free one ({@link AdminServer#port()} tells which)
 * @param tokens who may call the API; with none, every call but sign-in and the API document is 401
 * @param sessionTtl how long a console sign-in lasts, from sign-in
 * @param secureCookie mark the console's cookie {@code Secure}: set it when browsers reach the
 *     listener through TLS
 */
public record AdminSettings(
    String host, int port, List<Token> tokens, Duration sessionTtl, boolean secureCookie) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9090;
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(8);
  /** Shorter secrets are too easy to guess for something that can take servers out of a pool. */
  public static final int MIN_SECRET_LENGTH = 16;

  public AdminSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: \"\" (expected: an address or host name)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: from 0 to 65535)");
    }
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("sessionTtl: " + sessionTtl + " (expected: > 0)");
    }
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (Token token : tokens) {
      if (!names.add(token.name())) {
        throw new IllegalArgumentException("tokens: " + token.name() + " twice (expected: unique names)");
      }
      if (!secrets.add(token.secret())) {
        // Two names for one secret would make the audit log name the wrong person.
        throw new IllegalArgumentException(
            "tokens: " + token.name() + " repeats a secret (expected: a different secret per token)");
      }
    }
  }

  /** The defaults: loopback port 9090, 8-hour console sessions, cookies without {@code Secure}. */
  public static AdminSettings of(List<Token> tokens) {
    return new AdminSettings(DEFAULT_HOST, DEFAULT_PORT, tokens, DEFAULT_SESSION_TTL, false);
  }

  /** What a token holder may do. */
  public enum Role {
    /** Read everything, change nothing. */
    VIEWER,
    /** Read and change. */
    OPERATOR;

    /** The role by its configuration name, {@code viewer} or {@code operator}. */
    public static Role parse(String name) {
      for (Role role : values()) {
        if (role.name().equalsIgnoreCase(name)) {
          return role;
        }
      }
      throw new IllegalArgumentException("role: " + name + " (expected: viewer or operator)");
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One API credential. {@code name} appears in the audit log; {@code secret} is what callers present
   * as {@code Authorization: Bearer <secret>} or at console sign-in.
   */
  public record Token(String name, Role role, String secret) {

    public Token {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(secret, "secret");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name: \"\" (expected: a name for the audit log)");
      }
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "secret of " + name + ": " + secret.length() + " characters (expected: at least "
                + MIN_SECRET_LENGTH + ")");
      }
    }

    /** Leaves the secret out, so that logging settings cannot leak it. */
    @Override
    public String toString() {
      return "Token[name=" + name + ", role=" + role.configName() + ", secret=***]";
    }
  }
}
