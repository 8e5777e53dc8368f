/**
 * Pools of servers. A {@link tether.proxy.pool.Pool} publishes an immutable
 * {@link tether.proxy.pool.PoolSnapshot} behind one volatile field: the request path only reads it;
 * changes build a new snapshot and swap it in.
 */
package tether.proxy.pool;
