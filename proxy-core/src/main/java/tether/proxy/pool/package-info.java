/**
 * Pools of servers and what keeps them current. A {@link tether.proxy.pool.Pool} publishes an immutable
 * {@link tether.proxy.pool.PoolSnapshot} behind one volatile field: the request path only reads it; every
 * change (the operator's state and weight, a ramp, health, ejection, a server's own request, slow start)
 * builds a new snapshot under the pool's lock and swaps it in. Start at {@code Pool}, then
 * {@code ServerRuntime} for how a server's effective state and weight are worked out.
 *
 * <p>Passive outlier detection is in {@link tether.proxy.pool.Ejections}, per-server concurrency limits
 * with their waiting queue in {@link tether.proxy.pool.ServerSlots}, and the retry budget in
 * {@link tether.proxy.pool.RetryBudget}; all three are safe to call from I/O threads and take their time
 * from the injected scheduler.
 */
package tether.proxy.pool;
