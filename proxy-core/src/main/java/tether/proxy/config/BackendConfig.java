package tether.proxy.config;

import java.time.Duration;

/**
 * How Tether talks to servers.
 *
 * @param connectTimeout          connecting to a server; past it the server counts as failed (502)
 * @param responseTimeout         from the request being sent to the response headers (504)
 * @param idleTimeout             no bytes either way on a server connection for this long (504)
 * @param maxConnectionsPerServer connections Tether opens to one server at most
 * @param maxQueuedPerServer      requests waiting for a connection to one server at most
 */
public record BackendConfig(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration idleTimeout,
    int maxConnectionsPerServer,
    int maxQueuedPerServer) {}
