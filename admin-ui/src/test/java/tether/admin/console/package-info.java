/**
 * The web console's tests: its files over plain HTTP ({@code ConsoleAssetsTest}) and the console
 * itself in a headless Chromium, against a real admin server over the fake engine. Start with {@code
 * ConsoleTest} (a browser per class, a server per test) and {@code ConsolePage} (where things are on
 * the page). Screenshots go to the folder named by the {@code tether.screenshots} system property.
 * {@code Browser} and {@code BrowserPerClass} are public, in the module's test-jar, for the console's
 * tests against a real proxy in the examples.
 */
package tether.admin.console;
