package dev.tandem.client.chat;

import dev.tandem.model.Limits;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * The composer of the room on screen: its draft (each room keeps its own), sending it, and editing or
 * deleting our messages ({@link MessageEdits}): Up in an empty composer or Edit in a message's menu puts a
 * message in, the draft waits meanwhile and comes back after. Whether the text can be sent, and the words
 * under the composer.
 *
 * <p>Threads: UI thread only.
 */
public final class ComposerViewModel {
    private final Supplier<RoomTimeline> room;
    private final Supplier<String> me;
    private final BooleanProperty online;
    private final Outgoing outgoing;
    private final MessageEdits edits;
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final Map<String, String> elsewhere = new HashMap<>();
    private final BooleanBinding canSend;
    private final ObservableStringValue draftHint;
    private final ObservableStringValue composerHint;
    /** The draft put aside while a message is being edited. */
    private String beforeEdit = "";

    ComposerViewModel(Supplier<RoomTimeline> room, Supplier<String> me, BooleanProperty signedIn,
                      BooleanProperty online, Outgoing outgoing, MessageEdits edits) {
        this.room = room;
        this.me = me;
        this.online = online;
        this.outgoing = outgoing;
        this.edits = edits;
        BooleanBinding draftOk = Bindings.createBooleanBinding(
                () -> !draft.get().isBlank() && draft.get().strip().length() <= Limits.MAX_CHAT_TEXT, draft);
        canSend = signedIn.and(draftOk); // offline too: the message waits in the outbox
        draftHint = Bindings.createStringBinding(() -> {
            int over = draft.get().strip().length() - Limits.MAX_CHAT_TEXT;
            return over > 0 ? over + (over == 1 ? " character" : " characters") + " over the limit of "
                    + Limits.MAX_CHAT_TEXT : "";
        }, draft);
        composerHint = Bindings.createStringBinding(() -> edits.editingProperty().get() != null
                        ? "Enter saves · Escape cancels · an empty text deletes the message"
                        : online.get() ? "Enter to send · Shift+Enter for a new line · Up edits your last message"
                        : "Offline: what you send now is kept and sent when the connection is back",
                online, edits.editingProperty());
    }

    // ---- state the view binds to ----

    /** The text being written in the room on screen; kept while offline, and per room. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** True when there is something sendable (connected or not: offline messages wait in the outbox). */
    public BooleanBinding canSendProperty() {
        return canSend;
    }

    /** A warning when the draft is over the length limit, otherwise empty. */
    public ObservableStringValue draftHintProperty() {
        return draftHint;
    }

    /** The line under the composer: how to send or save, or what happens to a message written while offline. */
    public ObservableStringValue composerHintProperty() {
        return composerHint;
    }

    /** The message being edited, or null when a new one is being written. */
    public ReadOnlyObjectProperty<ChatEntry.Message> editingProperty() {
        return edits.editingProperty();
    }

    // ---- commands ----

    /** Sends the draft (trailing blank lines trimmed) to the room on screen, or saves the edit being made. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = draft.get().strip();
        RoomTimeline timeline = room.get();
        if (edits.editingProperty().get() != null) {
            edits.save(timeline.room(), text);
            endEdit();
            return;
        }
        outgoing.send(timeline, me.get(), text, online.get());
        draft.set("");
        timeline.atBottomProperty().set(true); // your own message brings you to the bottom, as in every chat app
    }

    /** Up in an empty composer: edits the user's newest message in the room on screen. True if there is one. */
    public boolean editLast() {
        return draft.get().isEmpty() && room.get().lastChangeable().map(this::startEdit).orElse(false);
    }

    /** Puts {@code message} (ours) into the composer to be edited; the draft waits meanwhile. True if it did. */
    public boolean startEdit(ChatEntry.Message message) {
        boolean first = edits.editingProperty().get() == null;
        if (!edits.start(message)) {
            return false;
        }
        if (first) {
            beforeEdit = draft.get();
        }
        draft.set(message.text());
        return true;
    }

    /** Leaves edit mode without saving; the draft comes back. */
    public void cancelEdit() {
        if (edits.editingProperty().get() != null) {
            edits.cancel();
            endEdit();
        }
    }

    /** Deletes {@code message} of ours in the room on screen (the view asked the user to confirm). */
    public void delete(ChatEntry.Message message) {
        boolean wasEditing = edits.editingProperty().get() == message;
        edits.delete(room.get().room(), message);
        if (wasEditing) {
            endEdit();
        }
    }

    // ---- the room list moves the screen (ChatViewModel) ----

    /** The screen moves from one room to another: an edit ends, and each room keeps its draft. */
    void switchRoom(String from, String to) {
        cancelEdit();
        elsewhere.put(from, draft.get());
        draft.set(elsewhere.getOrDefault(to, ""));
        elsewhere.remove(to);
    }

    void forget(String room) {
        elsewhere.remove(room);
    }

    /** Another user: nothing of the last one's drafts stays. */
    void clear() {
        edits.cancel();
        elsewhere.clear();
        beforeEdit = "";
    }

    private void endEdit() {
        draft.set(beforeEdit);
        beforeEdit = "";
    }
}
