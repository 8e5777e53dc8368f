/**
 * The launcher and composition root. {@link tether.proxy.Main} reads the configuration and starts a
 * {@link tether.proxy.Tether}, which wires the listener, routes, pools, balancers, the server-side client
 * and metrics together. Sub-packages: {@code config} (HOCON to records), {@code frontend} (client
 * connections), {@code forward} (the request path), {@code backend} (server connections on the client I/O
 * threads), {@code pool}, {@code balance}, {@code metrics}.
 */
package tether.proxy;
