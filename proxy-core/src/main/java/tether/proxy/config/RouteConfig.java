package tether.proxy.config;

/**
 * A route from a host and path prefix to a pool.
 *
 * @param host   exact host to match, case-insensitive, without port; {@code null} matches any host
 * @param prefix path prefix, matched on whole segments
 * @param pool   the pool's name
 */
public record RouteConfig(String host, String prefix, String pool) {}
