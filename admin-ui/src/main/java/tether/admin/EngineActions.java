package tether.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tether.admin.engine.AdminEngine;
import tether.admin.engine.ReloadReport;
import tether.admin.engine.SessionPin;

/** The endpoints about pools as a whole, sessions, routing rules and the configuration file. */
final class EngineActions {

  private final AdminEngine engine;

  EngineActions(AdminEngine engine) {
    this.engine = engine;
  }

  Reply pools(Call call) {
    return Reply.ok(Map.of("pools", engine.pools()));
  }

  Reply pool(Call call) {
    return Reply.ok(engine.pool(call.param("pool")));
  }

  /** Where a session is pinned; an unpinned session is an answer too, not a 404. */
  Reply session(Call call) {
    Optional<SessionPin> pin = engine.findSession(call.param("pool"), call.param("token"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pinned", pin.isPresent());
    body.put("server", pin.map(SessionPin::server).orElse(null));
    body.put("strategy", pin.map(SessionPin::strategy).orElse(null));
    return Reply.ok(body);
  }

  Reply routes(Call call) {
    return Reply.ok(engine.routes());
  }

  /** Hands the text to the engine as sent, so its messages can point into it. */
  Reply replaceRoutes(Call call) {
    Map<String, Object> before = engine.routes();
    Map<String, Object> after = engine.replaceRoutes(call.rawBody());
    call.audit(before, after);
    return Reply.ok(after);
  }

  /** Back to the configuration's rules; the audit log keeps the run-time table that was dropped. */
  Reply clearRoutes(Call call) {
    Map<String, Object> before = engine.routes();
    Map<String, Object> after = engine.clearRoutes();
    call.audit(before, after);
    return Reply.ok(after);
  }

  /**
   * Nothing to send, but an empty object is accepted as scripts tend to send one; any field is refused
   * rather than ignored, since a reload takes no options that it could silently skip.
   */
  Reply reload(Call call) {
    call.body().allow();
    ReloadReport report = engine.reload();
    // What the file changed is only known once it is applied: the report is the audit's "after".
    call.audit(null, report);
    return Reply.ok(report);
  }
}
