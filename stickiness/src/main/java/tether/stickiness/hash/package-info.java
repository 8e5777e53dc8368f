/**
 * Affinity by consistent hashing with bounded load, for clients that carry no cookie: start with
 * {@link tether.stickiness.hash.HeaderHashStrategy} (a header such as X-Session-Id) or
 * {@link tether.stickiness.hash.ClientAddressStrategy}. Both place their key on the pool's
 * {@link tether.stickiness.HashRing}, so every instance with the same server list agrees.
 */
package tether.stickiness.hash;
