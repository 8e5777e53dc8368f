/**
 * End-to-end tests of session affinity: real Tether instances, configured from HOCON files as a user
 * writes them, in front of several instances of the stateful demo app. Each test class covers one
 * behaviour (every strategy keeps sessions, drain, a stopped server, bad tokens, several proxies, key
 * rotation, the cookie never reaching servers). Start with {@link
 * tether.examples.affinity.StrategyStickinessTest}; the support classes are {@link
 * tether.examples.affinity.DemoFleet} (the servers), {@link tether.examples.affinity.RunningTether}
 * (a proxy from a HOCON text), {@link tether.examples.affinity.Browser} (one simulated session) and
 * {@link tether.examples.affinity.Sessions} (many of them at once).
 */
package tether.examples.affinity;
