package tether.admin;

import java.util.Map;

/** {@code GET /api/audit?limit=100}: the most recent changes, newest first. */
final class AuditActions {

  static final int DEFAULT_LIMIT = 100;

  private final AuditLog audit;

  AuditActions(AuditLog audit) {
    this.audit = audit;
  }

  Reply recent(Call call) {
    String text = call.query("limit");
    int limit = DEFAULT_LIMIT;
    if (text != null) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > AuditLog.CAPACITY) {
        throw ApiProblem.badRequest("limit",
            "limit: " + text + " (expected: an integer from 1 to " + AuditLog.CAPACITY + ")");
      }
    }
    return Reply.ok(Map.of("entries", audit.newest(limit)));
  }
}
