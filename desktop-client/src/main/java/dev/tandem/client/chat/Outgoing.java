package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Our messages the server has not confirmed yet, in whichever room: sent (through the outbox) and shown at once
 * as pending, sent again with the same client id on "Retry", and found by client id when an answer or a
 * refusal names them.
 *
 * <p>Threads: UI thread only.
 */
final class Outgoing {
    private final Connection connection;
    /** The room of each message of ours the server has not confirmed yet, by client id. */
    private final Map<String, String> rooms = new HashMap<>();

    Outgoing(Connection connection) {
        this.connection = connection;
    }

    /** Shows {@code text} in {@code timeline} as ours at once and sends it there. */
    void send(RoomTimeline timeline, String me, String text, boolean online) {
        String clientId = "c-" + UUID.randomUUID();
        show(timeline, clientId, me, text, online);
        connection.send(new ClientMessage.ChatSend(clientId, timeline.room(), text));
    }

    /** A message an earlier run left in the outbox (the connection sends it): shown as ours, not sent yet. */
    void restore(RoomTimeline timeline, ClientMessage.ChatSend send, String me, boolean online) {
        if (!rooms.containsKey(send.clientId())) {
            show(timeline, send.clientId(), me, send.text(), online);
        }
    }

    /** Sends a failed message again, with the same client id so a late echo still matches it. */
    void retry(ChatEntry.Message entry, boolean online) {
        String room = entry.clientId() == null ? null : rooms.get(entry.clientId());
        if (room == null || entry.state() != ChatEntry.State.FAILED) {
            return;
        }
        if (online) {
            entry.sending();
        } else {
            entry.queued();
        }
        connection.send(new ClientMessage.ChatSend(entry.clientId(), room, entry.text()));
    }

    /** Our unconfirmed message with this client id, or null. */
    ChatEntry.Message find(String clientId, Function<String, RoomTimeline> timelines) {
        String room = clientId == null ? null : rooms.get(clientId);
        RoomTimeline timeline = room == null ? null : timelines.apply(room);
        return timeline == null ? null : timeline.pending(clientId);
    }

    /** A message of {@code me} came back from the server: it is no longer waiting. */
    void arrived(ChatMessage message, String me) {
        if (message.clientId() != null && message.author().equals(me)) {
            rooms.remove(message.clientId());
        }
    }

    void clear() {
        rooms.clear();
    }

    private void show(RoomTimeline timeline, String clientId, String me, String text, boolean online) {
        timeline.addPending(clientId, me, text, online ? ChatEntry.State.PENDING : ChatEntry.State.QUEUED);
        rooms.put(clientId, timeline.room());
    }
}
