/**
 * The engine behind the admin plane. Start at {@link tether.proxy.admin.TetherEngine}: each action
 * changes a pool and records the change in the {@link tether.proxy.admin.RuntimeJournal}; drains are
 * watched by {@code Drains}, and {@code StateRestorer} puts the saved state back at start.
 */
package tether.proxy.admin;
