/**
 * The client-facing HTTP/1.1 listener. Start at {@link tether.proxy.frontend.Frontend}, which opens
 * the listening sockets on its own XNIO worker and hands each connection to Undertow; {@code
 * HeaderGuard} sits under Undertow on every connection and answers 431 or 408 where Undertow would
 * only close, and {@code ExchangeTracker} tells it when a request starts and ends.
 */
package tether.proxy.frontend;
