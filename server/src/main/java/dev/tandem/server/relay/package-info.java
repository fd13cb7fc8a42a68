/**
 * The relay of room events: one Redis pub/sub subscription per server on {@code chat_channel}, carrying
 * {@link dev.tandem.server.relay.Envelope}s (a sequence number, the room, who gets it, the exact client
 * frame), delivered exactly once and in order to the local members of each room
 * ({@link dev.tandem.server.relay.RelayFeed}); the Redis key names and the Lua prelude every room script
 * shares ({@link dev.tandem.server.relay.Keys}, {@link dev.tandem.server.relay.Lua}). Depends on
 * {@code window}, {@code redis} and {@code shared-model} only.
 */
package dev.tandem.server.relay;
