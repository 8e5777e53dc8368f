package tether.proxy.config;

import java.time.Duration;

/**
 * How Tether talks to servers.
 *
 * @param connectTimeout          connecting to a server; past it another server is tried
 * @param responseTimeout         longest silence from a server during an exchange (504 before headers)
 * @param idleTimeout             an unused pooled server connection is closed after this long
 * @param maxConnectionsPerServer connections Tether opens to one server at most, shared out among the I/O threads
 * @param maxQueuedPerServer      requests waiting for a connection to one server at most, shared out likewise
 */
public record BackendConfig(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration idleTimeout,
    int maxConnectionsPerServer,
    int maxQueuedPerServer) {}
