package tether.admin;

import tether.admin.AdminSettings.Role;

/**
 * Who is calling: the token's name and role, and the console session when the call came with the
 * session cookie rather than a bearer token.
 */
record Caller(String name, Role role, ConsoleSession session) {

  boolean viaSession() {
    return session != null;
  }

  /** How the caller signed in, as the API and the audit log show it. */
  String via() {
    return viaSession() ? "session" : "bearer";
  }

  boolean mayChange() {
    return role == Role.OPERATOR;
  }
}
