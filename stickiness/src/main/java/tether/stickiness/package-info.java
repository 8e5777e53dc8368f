/**
 * Session affinity: reading which server holds a session from a request, and writing affinity on the
 * response. Knows nothing of Undertow or Jetty, so it compiles and tests without a server.
 */
package tether.stickiness;
