package tether.proxy.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The admin plane's listener, who may call it, and where runtime changes are kept.
 *
 * @param listen       the admin listener's address
 * @param tokens       who may call; none turns the admin plane off
 * @param sessionTtl   how long a console sign-in lasts
 * @param secureCookie whether the console's cookie is marked Secure
 * @param stateFile    where runtime changes are kept, or {@code null} to keep them in memory only
 */
public record AdminConfig(
    HostPort listen, List<Token> tokens, Duration sessionTtl, boolean secureCookie, String stateFile) {

  public static final int MIN_SECRET_LENGTH = 16;

  /** No admin plane. */
  public static final AdminConfig OFF =
      new AdminConfig(new HostPort("127.0.0.1", 9090), List.of(), Duration.ofHours(8), false, null);

  public AdminConfig {
    Objects.requireNonNull(listen, "listen");
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("sessionTtl: " + sessionTtl + " (expected: > 0)");
    }
    Set<String> names = new HashSet<>();
    for (Token t : tokens) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("tokens: duplicate name " + t.name() + " (expected: unique names)");
      }
    }
    if (stateFile != null && stateFile.isBlank()) {
      stateFile = null;
    }
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /** One caller: its name for the audit log, its role ({@code viewer} or {@code operator}) and its secret. */
  public record Token(String name, String role, String secret) {
    public Token {
      Objects.requireNonNull(name, "name");
      if (!role.equals("viewer") && !role.equals("operator")) {
        throw new IllegalArgumentException("role: " + role + " (expected: viewer or operator)");
      }
      if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException("secret: too short (expected: at least " + MIN_SECRET_LENGTH + " characters)");
      }
    }

    @Override
    public String toString() {
      return "Token[name=" + name + ", role=" + role + "]";
    }
  }
}
