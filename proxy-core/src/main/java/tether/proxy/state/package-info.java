/**
 * The operator's runtime changes (weights, ramps, drains, maintenance, servers added and removed), kept in
 * a JSON file so that a restart or a config reload merges with them instead of undoing them. Start at
 * {@link tether.proxy.state.StateJournal}, which the engine calls after each change; the model's root is
 * {@link tether.proxy.state.RuntimeState}, and {@link tether.proxy.state.StateFile} reads and writes the
 * file. The model uses plain strings for states and curves and knows nothing of the engine's classes, so
 * the two can change independently; whoever applies it maps the strings.
 */
package tether.proxy.state;
