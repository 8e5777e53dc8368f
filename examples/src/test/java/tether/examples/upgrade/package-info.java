/**
 * The end-to-end test of {@code examples/rolling-upgrade.sh}: a real Tether with its admin API, demo app
 * instances that the script's hooks stop and start, and simulated users who must never notice. Start
 * with {@link tether.examples.upgrade.RollingUpgradeTest}; the support classes are {@link
 * tether.examples.upgrade.DemoInstances} (instances that restart as new versions on the same port),
 * {@link tether.examples.upgrade.ControlServer} (the HTTP endpoints the hooks call), {@link
 * tether.examples.upgrade.SimulatedUsers} and {@link tether.examples.upgrade.UserSession} (the users and
 * what each visit checks), {@link tether.examples.upgrade.Visitor} (one user's pages) and {@link
 * tether.examples.upgrade.ScriptRun} (the script as a process). The proxy is a {@link
 * tether.examples.testing.AdminProxy}.
 */
package tether.examples.upgrade;
