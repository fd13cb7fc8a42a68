package dev.tandem.client.chat;

import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of the chat as the view shows it: a {@link Message} (from the server, or one of ours not yet
 * confirmed) or a {@link Gap} where messages sent while we were away are missing. Messages are mutated only
 * by {@link ChatViewModel} on the UI thread; gaps never change.
 */
public sealed interface ChatEntry permits ChatEntry.Message, ChatEntry.Gap {

    /**
     * Where one of our messages stands; messages of others are always {@link #SENT}. {@link #QUEUED}: kept in
     * the outbox on disk while there is no connection, sent by itself on reconnect. {@link #PENDING}: sent,
     * the server's echo not yet here. {@link #FAILED}: the server refused it (the reason says why); "Retry".
     */
    enum State { QUEUED, PENDING, SENT, FAILED }

    /** What the line says: the message's text, or the gap marker's sentence. */
    String text();

    /**
     * A marker for {@code skipped} messages (ids after {@code afterId}) that the list does not have.
     *
     * @param text what the marker says ("Some messages from while you were away are not shown (5 skipped)")
     */
    record Gap(long afterId, long skipped, String text) implements ChatEntry {
    }

    /** A chat message: from the server, or one of ours not yet confirmed (then its id is 0). */
    final class Message implements ChatEntry {
        private final String clientId;
        private final String author;
        private final String text;
        private final boolean own;
        private final long sequence;
        private long id;
        private final ReadOnlyObjectWrapper<Instant> sentAt;
        private final ReadOnlyObjectWrapper<State> state;
        private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
        private final ReadOnlyBooleanWrapper continuation = new ReadOnlyBooleanWrapper(this, "continuation");

        Message(long id, String clientId, String author, String text, Instant sentAt, boolean own, State state,
                long sequence) {
            this.id = id;
            this.clientId = clientId;
            this.author = author;
            this.text = text;
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

        public String text() {
            return text;
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

        /** Why sending failed, when {@link #state()} is {@link State#FAILED}. */
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

        /** Waiting in the outbox for a connection. */
        void queued() {
            failure.set("");
            state.set(State.QUEUED);
        }

        void continuation(boolean value) {
            continuation.set(value);
        }
    }
}
