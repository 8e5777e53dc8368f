package tether.admin;

import java.time.Instant;
import tether.admin.AdminSettings.Role;

/** A console sign-in: whose token it came from, its CSRF token, and when it ends. */
record ConsoleSession(String idHash, String name, Role role, String csrfToken, Instant expires) {

  boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }
}
