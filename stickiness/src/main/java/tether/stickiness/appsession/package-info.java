/**
 * Affinity from the application's own session id. Start with
 * {@link tether.stickiness.appsession.RouteSuffixStrategy} (the id carries the server's route, as
 * Tomcat and Jetty write it with a jvmRoute) and {@link tether.stickiness.appsession.LearnedStrategy}
 * (Tether remembers which server issued each id, in a {@link
 * tether.stickiness.appsession.LearnedSessionTable}). Both find the id with the package's
 * {@code SessionIdReader}: a cookie, then a {@code ;jsessionid=} path parameter, then query parameters.
 */
package tether.stickiness.appsession;
