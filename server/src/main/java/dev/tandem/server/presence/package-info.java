/**
 * Presence: who is online on any server of the cluster. {@link dev.tandem.server.presence.PresenceTracker}
 * is the part the server wires in (sign-in counts a window, its close forgets it, a tick a second beats,
 * polls and broadcasts); {@link dev.tandem.server.presence.PresenceBoard} orders the welcome's
 * {@code online} against the {@code presence} frames; {@link dev.tandem.server.presence.PresenceStore} is
 * the Redis layout (a key per server with a time-to-live), with why it is correct and what it costs.
 * Depends on {@code window} (to broadcast), {@code redis} and {@code shared-model} only.
 */
package dev.tandem.server.presence;
