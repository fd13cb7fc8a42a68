package dev.tandem.model;

import java.time.Instant;

/**
 * A chat message as every client sees it. {@code id} comes from Redis and increases by one per message,
 * so a gap tells a client it missed something. {@code clientId} echoes the sender's request id.
 * {@code serverId} names the app server that accepted it.
 */
@com.fasterxml.jackson.annotation.JsonTypeName("chat.message")
public record ChatMessage(long id, String author, String text, Instant sentAt, String clientId, String serverId) implements ServerMessage {
}
