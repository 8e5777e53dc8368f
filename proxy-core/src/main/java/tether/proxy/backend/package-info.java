/**
 * Connections to servers that live on the client side's I/O threads. Start at {@link
 * tether.proxy.backend.IoThreadTransport}, which Jetty's {@code HttpClient} uses to open a server
 * connection on an XNIO I/O thread of Undertow's worker; {@code IoThreadEndPoint} gives Jetty its usual
 * view of that connection.
 *
 * <p>Why: with Jetty's own selector, every exchange crossed between two event loops, Undertow's for the
 * client and Jetty's for the server, and each crossing woke a thread. On one core the kernel then
 * alternated the two loops by time slice. With both connections on one I/O thread, an exchange whose
 * client and server connections share a thread runs from the client's request to the last byte of the
 * response without a thread switch, as in a single-loop proxy.
 */
package tether.proxy.backend;
