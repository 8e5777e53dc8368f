/**
 * The end-to-end tests of upgrades that users must never notice: {@link
 * tether.examples.upgrade.RollingUpgradeTest} runs {@code examples/rolling-upgrade.sh} against a real
 * Tether with its admin API and demo app instances that the script's hooks stop and start; {@link
 * tether.examples.upgrade.BlueGreenTest} moves a split's weights from one pool to another. Start with
 * the first; the support classes are {@link
 * tether.examples.upgrade.DemoInstances} (instances that restart as new versions on the same port),
 * {@link tether.examples.upgrade.ControlServer} (the HTTP endpoints the hooks call), {@link
 * tether.examples.upgrade.SimulatedUsers} and {@link tether.examples.upgrade.UserSession} (the users and
 * what each visit checks), {@link tether.examples.upgrade.Visitor} (one user's pages) and {@link
 * tether.examples.upgrade.ScriptRun} (the script as a process). The proxy is a {@link
 * tether.examples.testing.AdminProxy}.
 */
package tether.examples.upgrade;
