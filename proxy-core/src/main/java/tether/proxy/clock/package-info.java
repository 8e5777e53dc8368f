/**
 * Time for the parts of the proxy that act later. Start at {@link tether.proxy.clock.Scheduler}; the
 * running proxy uses {@link tether.proxy.clock.SystemScheduler} and tests a manual one, so that nothing
 * waits on the wall clock.
 */
package tether.proxy.clock;
