/**
 * Host and URI-prefix routing rules, compiled into an immutable table. Knows nothing of Undertow or
 * Jetty, so it compiles and tests without a server. The forwarding core in {@code proxy-core} maps
 * requests to pools through this table.
 */
package tether.routing;
