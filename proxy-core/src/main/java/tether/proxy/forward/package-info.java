/**
 * Forwarding a client's exchange to a server and back. Start at
 * {@link tether.proxy.forward.ProxyHandler}, which asks "where?" (route, pool, server) and hands the
 * exchange to the {@link tether.proxy.forward.Forwarder}, which sends it through Jetty's
 * {@code HttpClient} and streams both bodies with back-pressure.
 *
 * <p>Threads: the handler runs on the client connection's Undertow I/O thread and sends without any hand-off,
 * over a server connection that belongs to the same thread ({@link tether.proxy.backend}), so the server's
 * response events arrive there too. Events can still come from elsewhere (Jetty's timeout scheduler, a
 * queue slot freed by another exchange), so every operation on the Undertow exchange goes through one
 * per-exchange serializer: whichever thread delivers an event performs it, one at a time, and no event
 * waits for a thread switch. Nothing on these paths blocks.
 *
 * <p>Directions are named from the proxy's point of view: the client-to-proxy request, the proxy-to-server
 * request, the server-to-proxy response and the proxy-to-client response.
 */
package tether.proxy.forward;
