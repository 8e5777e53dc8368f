package tether.admin;

import java.security.MessageDigest;
import java.util.List;
import tether.admin.AdminSettings.Role;
import tether.admin.AdminSettings.Token;

/**
 * The configured tokens, kept only as SHA-256 hashes.
 *
 * <p>How a presented secret is checked without leaking time: it is hashed, and the hash is compared
 * with every token's hash by {@link MessageDigest#isEqual} (which does not stop at the first
 * differing byte). The loop never breaks early, so the time taken is the same whichever token
 * matched, or none; and because hashes are compared, it says nothing about the secrets' lengths or
 * prefixes either. No secret is ever compared with {@code String.equals}.
 */
final class TokenRegistry {

  /** A token's name and role, once its secret has been recognised. */
  record Identity(String name, Role role) {}

  private record Entry(byte[] hash, Identity identity) {}

  private final List<Entry> entries;

  TokenRegistry(List<Token> tokens) {
    this.entries = tokens.stream()
        .map(token -> new Entry(Secrets.sha256(token.secret()), new Identity(token.name(), token.role())))
        .toList();
  }

  /** The token whose secret this is, or null. */
  Identity match(String presented) {
    byte[] hash = Secrets.sha256(presented);
    Identity found = null;
    for (Entry entry : entries) {
      boolean same = MessageDigest.isEqual(hash, entry.hash());
      // Secrets are unique (AdminSettings checks), so at most one entry can match; keep looking anyway.
      found = same ? entry.identity() : found;
    }
    return found;
  }
}
