package dev.tandem.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * A chat message as every member of its room sees it, live or in history.
 *
 * @param id       the message's number in its room: the room's first message is some positive number and each
 *                 next one is exactly one more, so a gap tells a client it missed something in that room.
 *                 A message is named by its room and id ({@code room} + {@code id}), never by id alone.
 * @param room     the room it was posted in ({@link RoomNames})
 * @param clientId the sender's request id (the sender's acknowledgement)
 * @param serverId the app server that accepted it
 * @param editedAt when its author last edited it; null if never
 * @param deleted  true once its author deleted it; the text is then empty
 */
@JsonTypeName("chat.message")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(long id, String room, String author, String text, Instant sentAt, String clientId,
                          String serverId, Instant editedAt, boolean deleted) implements ServerMessage {

    /** A new, unedited message in {@code general}. */
    public ChatMessage(long id, String author, String text, Instant sentAt, String clientId, String serverId) {
        this(id, RoomNames.GENERAL, author, text, sentAt, clientId, serverId, null, false);
    }

    /** A new, unedited message in {@code room}. */
    public ChatMessage(long id, String room, String author, String text, Instant sentAt, String clientId,
                       String serverId) {
        this(id, room, author, text, sentAt, clientId, serverId, null, false);
    }

    /** This message after its author edited it. */
    public ChatMessage edited(String newText, Instant at) {
        return new ChatMessage(id, room, author, newText, sentAt, clientId, serverId, at, false);
    }

    /** This message after its author deleted it: no text, marked deleted. */
    public ChatMessage asDeleted() {
        return new ChatMessage(id, room, author, "", sentAt, clientId, serverId, editedAt, true);
    }
}
