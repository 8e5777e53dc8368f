package tether.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tether.admin.Route.Access;
import tether.admin.Route.Body;
import tether.admin.engine.AdminEngine;

/**
 * Every endpoint of the API in one table. The OpenAPI document ({@value #OPENAPI_RESOURCE}) describes
 * exactly these; a test keeps the two in step.
 */
final class ApiRoutes {

  static final String OPENAPI_RESOURCE = "/tether/admin/openapi.json";

  private static final String GET = "GET";
  private static final String POST = "POST";
  private static final String PUT = "PUT";
  private static final String DELETE = "DELETE";
  private static final String SERVER = "/api/pools/{pool}/servers/{server}";

  private ApiRoutes() {}

  static List<Route> all(AdminEngine engine, SessionActions session, AuditLog audit) {
    EngineActions pools = new EngineActions(engine);
    ServerActions servers = new ServerActions(engine);
    DrainWait drainWait = new DrainWait(engine);
    AuditActions audits = new AuditActions(audit);
    byte[] openApi = openApiDocument();
    return List.of(
        new Route(GET, "/api/openapi.json", Access.PUBLIC, Body.NONE, call -> Reply.ok(openApi)),
        new Route(POST, "/api/session", Access.PUBLIC, Body.REQUIRED, session::signIn),
        new Route(GET, "/api/session", Access.SIGNED_IN, Body.NONE, session::who),
        new Route(DELETE, "/api/session", Access.SIGNED_IN, Body.NONE, session::signOut),
        new Route(GET, "/api/pools", Access.READ, Body.NONE, pools::pools),
        new Route(GET, "/api/pools/{pool}", Access.READ, Body.NONE, pools::pool),
        new Route(GET, "/api/pools/{pool}/servers", Access.READ, Body.NONE, servers::list),
        new Route(POST, "/api/pools/{pool}/servers", Access.CHANGE, Body.REQUIRED, servers::add),
        new Route(GET, SERVER, Access.READ, Body.NONE, servers::get),
        new Route(DELETE, SERVER, Access.CHANGE, Body.NONE, servers::remove),
        new Route(PUT, SERVER + "/weight", Access.CHANGE, Body.REQUIRED, servers::weight),
        new Route(POST, SERVER + "/ramp", Access.CHANGE, Body.REQUIRED, servers::ramp),
        new Route(POST, SERVER + "/ramp/pause", Access.CHANGE, Body.NONE, servers::pauseRamp),
        new Route(POST, SERVER + "/ramp/resume", Access.CHANGE, Body.NONE, servers::resumeRamp),
        new Route(POST, SERVER + "/ramp/abort", Access.CHANGE, Body.NONE, servers::abortRamp),
        new Route(POST, SERVER + "/drain", Access.CHANGE, Body.OPTIONAL, servers::drain),
        new Route(GET, SERVER + "/drain", Access.READ, Body.NONE, servers::drainProgress),
        new Route(GET, SERVER + "/drain/wait", Access.READ, Body.NONE, drainWait::wait),
        new Route(POST, SERVER + "/enable", Access.CHANGE, Body.NONE, servers::enable),
        new Route(POST, SERVER + "/disable", Access.CHANGE, Body.NONE, servers::disable),
        new Route(DELETE, SERVER + "/overrides/weight", Access.CHANGE, Body.NONE, servers::clearWeight),
        new Route(DELETE, SERVER + "/overrides/state", Access.CHANGE, Body.NONE, servers::clearState),
        new Route(GET, "/api/pools/{pool}/sessions/{token}", Access.READ, Body.NONE, pools::session),
        new Route(GET, "/api/routes", Access.READ, Body.NONE, pools::routes),
        new Route(PUT, "/api/routes", Access.CHANGE, Body.REQUIRED, pools::replaceRoutes),
        new Route(DELETE, "/api/routes", Access.CHANGE, Body.NONE, pools::clearRoutes),
        new Route(POST, "/api/reload", Access.CHANGE, Body.OPTIONAL, pools::reload),
        new Route(GET, "/api/audit", Access.READ, Body.NONE, audits::recent));
  }

  static byte[] openApiDocument() {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
