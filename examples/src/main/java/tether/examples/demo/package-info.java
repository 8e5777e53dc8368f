/**
 * A small stateful web application for demonstrating and testing Tether: each instance keeps its
 * sessions in memory. Start at {@link tether.examples.demo.DemoApp}; {@link
 * tether.examples.demo.DemoHandler} serves the pages and {@link tether.examples.demo.DemoSessions}
 * holds the sessions.
 */
package tether.examples.demo;
