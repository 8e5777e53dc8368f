/**
 * The admin plane: its HTTP API, the web console's assets, and the small engine interface that
 * {@code proxy-core} implements. Depends on nothing else of Tether's.
 */
package tether.admin;
