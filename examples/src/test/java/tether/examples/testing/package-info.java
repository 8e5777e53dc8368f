/**
 * What the end-to-end tests of more than one package share: {@link tether.examples.testing.AdminProxy}
 * (a Tether with its admin plane, from a HOCON text) and {@link tether.examples.testing.HttpUser} (one
 * user's cookies over HTTP).
 */
package tether.examples.testing;
