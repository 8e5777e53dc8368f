/**
 * Active health checks: each pool's servers are probed on a timer, and a listener hears when one
 * goes down or comes back up, and what a server asks of the proxy through its control header. Start at
 * {@link tether.proxy.health.HealthChecker}, which runs the checks of one pool; a
 * {@link tether.proxy.health.Probe} performs one check ({@link tether.proxy.health.HttpProbe} or
 * {@link tether.proxy.health.TcpProbe}). The checker only reports: what the pool does about a
 * transition or a {@link tether.proxy.health.Directive} is the pool's business.
 *
 * <p>Threads: checks start on the {@link tether.proxy.clock.Scheduler}'s thread and never block it;
 * results arrive on the probe's threads (Jetty's, or the JDK's asynchronous channel group). Checks of
 * one server never overlap: the next one is scheduled only once the last result has been handled.
 */
package tether.proxy.health;
