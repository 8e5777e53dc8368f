/**
 * Session affinity on the request path: the stickiness module's strategies, fed from Undertow's exchange
 * and checked against the pool's servers. Start at {@link tether.proxy.affinity.PoolAffinity}, one per
 * pool, which answers "is this request pinned, and may its server take it?" and writes affinity on the
 * response.
 */
package tether.proxy.affinity;
