/**
 * What the admin plane needs from the engine, and nothing more. Start with {@link
 * tether.admin.engine.AdminEngine}: the proxy implements it, the HTTP layer in {@code tether.admin}
 * calls it. Every answer is an immutable record ({@link tether.admin.engine.PoolView}, {@link
 * tether.admin.engine.ServerView} and the views inside it), so a view can be serialised, compared
 * and kept as the "before" of an audit entry. Every refusal is an {@link
 * tether.admin.engine.AdminException} whose kind the HTTP layer turns into a status code.
 */
package tether.admin.engine;
