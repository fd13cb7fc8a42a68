package dev.tandem.client.chat;

import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of a room's chat as the view shows it: a {@link Message} (from the server, or one of ours not yet
 * confirmed), a {@link Gap} where messages sent while we were away are missing, or the {@link Divider} above
 * the first message the user has not read yet. Messages are mutated only by the chat view model's classes
 * on the UI thread; gaps and dividers never change.
 */
public sealed interface ChatEntry permits ChatEntry.Message, ChatEntry.Gap, ChatEntry.Divider {

    /**
     * Where one of our messages stands; messages of others are always {@link #SENT}. {@link #QUEUED}: kept in
     * the outbox on disk while there is no connection, sent by itself on reconnect. {@link #PENDING}: sent,
     * the server's echo not yet here. {@link #FAILED}: the server refused it (the reason says why); "Retry".
     */
    enum State {
        /** Waiting in the outbox for a connection. */
        QUEUED,
        /** Sent, the echo not here yet. */
        PENDING,
        /** Refused with "not now" (e.g. sending too fast): goes again by itself after a wait, said in {@code failureProperty}. */
        HELD,
        SENT,
        FAILED
    }

    /** What the line says: the message's text, or the gap marker's sentence. */
    String text();

    /**
     * A marker for {@code skipped} messages (ids after {@code afterId}) that the list does not have.
     *
     * @param text what the marker says ("Some messages from while you were away are not shown (5 skipped)")
     */
    record Gap(long afterId, long skipped, String text) implements ChatEntry {
    }

    /**
     * "New messages": the line above the first message after {@code afterId}, the user's read position when
     * the room was opened. It stays while the room shows, so what was new stays marked.
     */
    record Divider(long afterId) implements ChatEntry {
        /** What the line says. */
        public static final String TEXT = "New messages";

        @Override
        public String text() {
            return TEXT;
        }
    }

    /** What the view shows instead of a deleted message's text. */
    String DELETED_TEXT = "This message was deleted";

    /** A chat message: from the server, or one of ours not yet confirmed (then its id is 0). */
    final class Message implements ChatEntry {
        private final String clientId;
        private final String author;
        private final boolean own;
        private final long sequence;
        private long id;
        private final ReadOnlyObjectWrapper<Instant> sentAt;
        private final ReadOnlyObjectWrapper<State> state;
        private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
        private final ReadOnlyBooleanWrapper continuation = new ReadOnlyBooleanWrapper(this, "continuation");
        private final ReadOnlyStringWrapper text;
        private final ReadOnlyObjectWrapper<Instant> editedAt = new ReadOnlyObjectWrapper<>(this, "editedAt");
        private final ReadOnlyBooleanWrapper deleted = new ReadOnlyBooleanWrapper(this, "deleted");
        private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
        /** The client id of our edit or deletion of it that the server has not answered yet; null if none. */
        private String changePending;

        Message(long id, String clientId, String author, String text, Instant sentAt, boolean own, State state,
                long sequence) {
            this.id = id;
            this.clientId = clientId;
            this.author = author;
            this.text = new ReadOnlyStringWrapper(this, "text", text);
            this.own = own;
            this.sequence = sequence;
            this.sentAt = new ReadOnlyObjectWrapper<>(this, "sentAt", sentAt);
            this.state = new ReadOnlyObjectWrapper<>(this, "state", state);
        }

        // ---- what the view reads ----

        /** The server's message id; 0 while not confirmed. */
        public long id() {
            return id;
        }

        /** Our request id, or the sender's (may be null for messages of others). */
        public String clientId() {
            return clientId;
        }

        public String author() {
            return author;
        }

        /** What the message says now (after its author's edits; empty once deleted). */
        public String text() {
            return text.get();
        }

        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        /** When its author last edited it; null if never. */
        public ReadOnlyObjectProperty<Instant> editedAtProperty() {
            return editedAt.getReadOnlyProperty();
        }

        public boolean edited() {
            return editedAt.get() != null;
        }

        /** True once its author deleted it: the view shows {@link ChatEntry#DELETED_TEXT}. */
        public ReadOnlyBooleanProperty deletedProperty() {
            return deleted.getReadOnlyProperty();
        }

        public boolean deleted() {
            return deleted.get();
        }

        /** A word about our edit or deletion of it that the server refused; empty otherwise. */
        public ReadOnlyStringProperty noticeProperty() {
            return notice.getReadOnlyProperty();
        }

        /** True for our own confirmed message that is not deleted: it may be edited or deleted. */
        public boolean changeable() {
            return own && id > 0 && !deleted.get();
        }

        /** True for messages this user wrote (in any of their windows). */
        public boolean own() {
            return own;
        }

        /** Server time once confirmed; local time while pending. */
        public ReadOnlyObjectProperty<Instant> sentAtProperty() {
            return sentAt.getReadOnlyProperty();
        }

        public Instant sentAt() {
            return sentAt.get();
        }

        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public State state() {
            return state.get();
        }

        /** Why sending failed ({@link State#FAILED}), or what it waits for ({@link State#HELD}). */
        public ReadOnlyStringProperty failureProperty() {
            return failure.getReadOnlyProperty();
        }

        /** True when this follows a message of the same author shortly before: the view leaves out the header. */
        public ReadOnlyBooleanProperty continuationProperty() {
            return continuation.getReadOnlyProperty();
        }

        public boolean isContinuation() {
            return continuation.get();
        }

        @Override
        public String toString() {
            return "Message[" + (id > 0 ? "#" + id : clientId) + " " + author + " " + state.get() + "]";
        }

        // ---- changes (ChatViewModel only) ----

        /** The order in which unconfirmed messages were written (they sort after every confirmed one). */
        long sequence() {
            return sequence;
        }

        void confirm(long serverId, Instant serverTime) {
            this.id = serverId;
            sentAt.set(serverTime);
            failure.set("");
            state.set(State.SENT);
        }

        void fail(String reason) {
            failure.set(reason);
            state.set(State.FAILED);
        }

        /** Sent (again), the echo not yet here. */
        void sending() {
            failure.set("");
            state.set(State.PENDING);
        }

        /** Refused for now; the outbox sends it again by itself, and {@code words} say when. */
        void held(String words) {
            failure.set(words);
            state.set(State.HELD);
        }

        /** Waiting in the outbox for a connection. */
        void queued() {
            failure.set("");
            state.set(State.QUEUED);
        }

        void continuation(boolean value) {
            continuation.set(value);
        }

        /** Takes the server's version of the text, edit time and deletion (history, or a live change). */
        void show(String newText, Instant newEditedAt, boolean isDeleted) {
            text.set(isDeleted ? "" : newText);
            editedAt.set(newEditedAt);
            deleted.set(isDeleted);
        }

        String changePending() {
            return changePending;
        }

        void changePending(String changeClientId) {
            changePending = changeClientId;
        }

        void notice(String words) {
            notice.set(words);
        }
    }
}
