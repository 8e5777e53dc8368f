package tether.proxy.config;

import java.time.Duration;

/**
 * Limits on client connections.
 *
 * @param headerTimeout  time allowed for a request's whole header block, from its first byte
 * @param maxHeaderBytes largest request line plus header block accepted; larger gets 431
 * @param maxBodyBytes   largest request body accepted; larger gets 413
 * @param idleTimeout    an idle client connection is closed after this long
 * @param ioThreads      Undertow I/O threads; 0 means one per available core
 */
public record FrontendConfig(
    Duration headerTimeout, int maxHeaderBytes, long maxBodyBytes, Duration idleTimeout, int ioThreads) {}
