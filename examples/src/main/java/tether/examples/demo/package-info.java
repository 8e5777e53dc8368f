/**
 * A small stateful web application for demonstrating and testing Tether: each instance keeps its
 * sessions in memory. Start at {@link tether.examples.demo.DemoApp}.
 */
package tether.examples.demo;
