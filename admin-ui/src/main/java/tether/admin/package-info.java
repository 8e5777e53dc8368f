/**
 * The admin plane: its HTTP API, the web console's assets, and the small engine interface that
 * {@code proxy-core} implements. Depends on nothing else of Tether's.
 *
 * <p>Start with {@link tether.admin.AdminServer} (built from {@link tether.admin.AdminSettings} and an
 * {@link tether.admin.engine.AdminEngine}). Inside, {@code ApiRoutes} is the table of endpoints,
 * {@code ApiHandler} runs one (authentication, CSRF, body, audit), and the {@code *Actions} classes
 * turn calls into engine calls. The API is described in {@code openapi.json} next to these classes,
 * served at {@code GET /api/openapi.json}.
 */
package tether.admin;
