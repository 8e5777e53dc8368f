/**
 * The configuration, mapped once at start-up from HOCON into immutable records. Start at
 * {@link tether.proxy.config.ConfigLoader}; {@link tether.proxy.config.TetherConfig} is the root
 * record. Nothing on the request path reads Typesafe Config.
 */
package tether.proxy.config;
