/**
 * Choosing a server for a request without affinity. Algorithms know nothing of HTTP: a
 * {@link tether.proxy.balance.BalancerFactory} prepares a {@link tether.proxy.balance.Balancer} for one
 * pool snapshot, and {@code pick} chooses among its servers. Start at
 * {@link tether.proxy.balance.SmoothWeightedRoundRobin}.
 */
package tether.proxy.balance;
