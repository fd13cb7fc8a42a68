package dev.tandem.client.chat;

import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of the chat as the view shows it: a message from the server, or one of ours not yet confirmed.
 * Mutated only by {@link ChatViewModel} on the UI thread.
 */
public final class ChatEntry {

    /** Where one of our messages stands; messages of others are always {@link #SENT}. */
    public enum State { PENDING, SENT, FAILED }

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

    ChatEntry(long id, String clientId, String author, String text, Instant sentAt, boolean own, State state,
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
        return "ChatEntry[" + (id > 0 ? "#" + id : clientId) + " " + author + " " + state.get() + "]";
    }

    // ---- changes (ChatViewModel only) ----

    /** Order in the list: confirmed messages by id, then unconfirmed ones in the order they were written. */
    boolean sortsBefore(ChatEntry other) {
        boolean confirmed = id > 0;
        boolean otherConfirmed = other.id > 0;
        if (confirmed != otherConfirmed) {
            return confirmed;
        }
        return confirmed ? id < other.id : sequence < other.sequence;
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

    void retrying() {
        failure.set("");
        state.set(State.PENDING);
    }

    void continuation(boolean value) {
        continuation.set(value);
    }
}
