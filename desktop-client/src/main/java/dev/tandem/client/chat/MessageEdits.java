package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Editing and deleting our own messages. The composer's edit mode holds the message being edited (Up in an
 * empty composer, or Edit in a message's menu). A change shows at once and goes through the outbox (so it
 * survives going offline and quitting, and is sent again with the same client id); the server's
 * {@code chat.edited} / {@code chat.deleted} with that id confirms it, and a refusal puts back what the server
 * has, with a word on the message. Changes by anyone (another window of ours too) show as they arrive.
 *
 * <p>Threads: UI thread only.
 */
final class MessageEdits {
    /** One change of ours the server has not answered, and the server's version of the message meanwhile. */
    private static final class Change {
        final String room;
        final long id;
        final boolean delete;
        final String text;
        String serverText;
        Instant serverEditedAt;
        boolean serverDeleted;
        /** False while the message was not shown when the change was restored from the outbox. */
        boolean applied;

        Change(String room, long id, boolean delete, String text) {
            this.room = room;
            this.id = id;
            this.delete = delete;
            this.text = text;
        }
    }

    private final Connection connection;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<ChatEntry.Message> editing = new ReadOnlyObjectWrapper<>(this, "editing");
    private final Map<String, Change> pending = new HashMap<>();

    MessageEdits(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** The message the composer edits, or null when it writes a new one. */
    ReadOnlyObjectProperty<ChatEntry.Message> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Starts editing {@code message} if it is ours and may be changed; true if it did. */
    boolean start(ChatEntry.Message message) {
        if (message == null || !message.changeable()) {
            return false;
        }
        editing.set(message);
        return true;
    }

    void cancel() {
        editing.set(null);
    }

    /** Saves the edit with {@code text} (nothing happens when it is blank or unchanged) and leaves edit mode. */
    void save(String room, String text) {
        ChatEntry.Message message = editing.get();
        editing.set(null);
        if (message == null || !message.changeable() || text.isBlank() || text.equals(message.text())) {
            return;
        }
        String clientId = "e-" + UUID.randomUUID();
        apply(message, clientId, new Change(room, message.id(), false, text));
        connection.send(new ClientMessage.ChatEdit(clientId, room, message.id(), text));
    }

    /** Deletes {@code message} (the view has asked the user to confirm). */
    void delete(String room, ChatEntry.Message message) {
        if (!message.changeable()) {
            return;
        }
        if (editing.get() == message) {
            editing.set(null);
        }
        String clientId = "d-" + UUID.randomUUID();
        apply(message, clientId, new Change(room, message.id(), true, ""));
        connection.send(new ClientMessage.ChatDelete(clientId, room, message.id()));
    }

    /**
     * Changes written in an earlier run and still in the outbox (the connection sends them): shown on the
     * messages as soon as those are on screen ({@link #reapply}).
     */
    void restore(List<ClientMessage.Command> commands) {
        for (ClientMessage.Command command : commands) {
            if (command instanceof ClientMessage.ChatEdit edit) {
                pending.putIfAbsent(edit.clientId(), new Change(edit.room(), edit.id(), false, edit.text()));
            } else if (command instanceof ClientMessage.ChatDelete delete) {
                pending.putIfAbsent(delete.clientId(), new Change(delete.room(), delete.id(), true, ""));
            }
        }
    }

    /** Shows restored changes of ours on the messages of {@code timeline} that are on screen now. */
    void reapply(RoomTimeline timeline) {
        pending.forEach((clientId, change) -> {
            if (!change.applied && change.room.equals(timeline.room())) {
                timeline.message(change.id).ifPresent(message -> apply(message, clientId, change));
            }
        });
    }

    /** Someone (perhaps we) edited a message; true if it answers a change of ours. */
    boolean edited(ServerMessage.ChatEdited edited, RoomTimeline timeline) {
        return changed(edited.clientId(), timeline, edited.id(), edited.text(), edited.editedAt(), false);
    }

    /** Someone (perhaps we) deleted a message; true if it answers a change of ours. */
    boolean deleted(ServerMessage.ChatDeleted deleted, RoomTimeline timeline) {
        return changed(deleted.clientId(), timeline, deleted.id(), "", null, true);
    }

    /**
     * A change of ours was refused or cannot be sent: the message shows the server's version again, with why.
     * False if {@code clientId} is no change of ours.
     */
    boolean refused(String clientId, String code, String reason, Function<String, RoomTimeline> timelines) {
        Change change = clientId == null ? null : pending.remove(clientId);
        if (change == null) {
            return false;
        }
        RoomTimeline timeline = timelines.apply(change.room);
        ChatEntry.Message message = timeline == null ? null : timeline.message(change.id).orElse(null);
        if (message == null || !clientId.equals(message.changePending())) {
            return true;
        }
        message.changePending(null);
        boolean gone = ErrorCode.NOT_FOUND.wire().equals(code);
        if (change.delete && gone) {
            message.show("", change.serverEditedAt, true); // deleted already, or no longer kept: gone either way
            return true;
        }
        message.show(change.serverText, change.serverEditedAt, change.serverDeleted);
        message.notice((change.delete ? "Not deleted: " : "Edit not saved: ") + describe(code, reason));
        return true;
    }

    private boolean changed(String clientId, RoomTimeline timeline, long id, String text, Instant editedAt,
                            boolean delete) {
        Change ours = clientId == null ? null : pending.get(clientId);
        boolean answersOurs = ours != null && ours.room.equals(timeline.room()) && ours.id == id;
        if (answersOurs) {
            pending.remove(clientId);
        }
        ChatEntry.Message message = timeline.message(id).orElse(null);
        if (message == null) {
            return answersOurs;
        }
        String waiting = message.changePending();
        if (waiting == null || waiting.equals(clientId)) {
            message.changePending(null);
            message.show(text, editedAt == null ? message.editedAtProperty().get() : editedAt, delete);
        } else {
            // A change of ours to it is still on its way and will land after this one: keep showing ours.
            Change other = pending.get(waiting);
            if (other != null) {
                other.serverText = text;
                other.serverEditedAt = editedAt == null ? other.serverEditedAt : editedAt;
                other.serverDeleted = delete;
            }
        }
        if (delete && editing.get() == message) {
            editing.set(null);
        }
        return answersOurs;
    }

    private void apply(ChatEntry.Message message, String clientId, Change change) {
        change.serverText = message.text();
        change.serverEditedAt = message.editedAtProperty().get();
        change.serverDeleted = message.deleted();
        change.applied = true;
        pending.put(clientId, change);
        message.changePending(clientId);
        message.notice("");
        if (change.delete) {
            message.show("", change.serverEditedAt, true);
        } else {
            message.show(change.text, clock.instant(), false);
        }
    }

    private static String describe(String code, String reason) {
        if (ErrorCode.FORBIDDEN.wire().equals(code)) {
            return "only its author can change a message";
        }
        if (ErrorCode.NOT_FOUND.wire().equals(code)) {
            return "the message was deleted or is no longer kept";
        }
        return reason == null || reason.isBlank() ? code : reason;
    }
}
