/**
 * The admin console in a headless Chromium against a real Tether in front of demo app instances, with a
 * simulated user holding a session through the proxy. Start with {@link
 * tether.examples.console.ConsoleOnProxyTest}; {@link tether.examples.console.ProxyWithConsole} starts
 * the proxy, {@link tether.admin.console.Browser} (from the admin-ui module's tests) is the browser,
 * {@link tether.examples.console.ConsolePage} knows where things are on the page and {@link
 * tether.examples.console.SiteUser} is the user. Screenshots go to the folder named by the {@code
 * tether.screenshots} system property.
 */
package tether.examples.console;
