/** Test fixtures: configurations built in code, a proxy started in-process, raw HTTP clients. */
package tether.proxy.testing;
