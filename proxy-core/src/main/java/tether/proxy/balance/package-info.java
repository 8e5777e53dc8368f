/**
 * Choosing a server for a request without affinity. Algorithms know nothing of HTTP: a
 * {@link tether.proxy.balance.BalancerFactory} prepares a {@link tether.proxy.balance.Balancer} for one
 * pool snapshot (its servers with a positive effective weight), and {@code pick} chooses among them, on
 * I/O threads, without locks. Start at {@link tether.proxy.balance.BalancerFactory#of}, which maps each
 * configured algorithm to its class:
 *
 * <ul>
 *   <li>{@code weighted-round-robin}: {@link tether.proxy.balance.SmoothWeightedRoundRobin}, exact
 *       shares, interleaved;
 *   <li>{@code random}: {@link tether.proxy.balance.WeightedRandom};
 *   <li>{@code power-of-two-choices} and {@code peak-ewma}: {@link tether.proxy.balance.TwoChoices} with
 *       a cost from {@link tether.proxy.balance.LoadCosts} (outstanding requests, or latency times
 *       outstanding requests, per unit of weight);
 *   <li>{@code least-sessions}: {@link tether.proxy.balance.LeastSessions}, live sessions from the
 *       pool's affinity;
 *   <li>{@code consistent-hash}: {@link tether.proxy.balance.BoundedLoadHash}, the only one that reads
 *       the request's hash.
 * </ul>
 *
 * <p>Everything an algorithm needs besides the servers comes in a
 * {@link tether.proxy.balance.BalancerContext}; the load it reads is each server's live
 * {@link tether.proxy.metrics.ServerMetrics}, shared by every snapshot.
 */
package tether.proxy.balance;
