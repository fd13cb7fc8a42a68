package dev.tandem.client.chat;

import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of the chat as the view shows it: a message from the server, one of ours not yet confirmed, or a
 * gap marker where messages sent while we were away are missing. Mutated only by {@link ChatViewModel} on
 * the UI thread.
 */
public final class ChatEntry {

    /**
     * Where one of our messages stands; messages of others are always {@link #SENT}. {@link #QUEUED}: kept in
     * the outbox on disk while there is no connection, sent by itself on reconnect. {@link #PENDING}: sent,
     * the server's echo not yet here. {@link #FAILED}: the server refused it (the reason says why); "Retry".
     */
    public enum State { QUEUED, PENDING, SENT, FAILED }

    private final String clientId;
    private final String author;
    private final String text;
    private final boolean own;
    private final long sequence;
    /** For a gap marker: the id of the last message shown before it; -1 for messages. */
    private final long gapAfter;
    /** For a gap marker: how many messages are missing there; 0 for messages. */
    private final long skipped;
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
        this.gapAfter = -1;
        this.skipped = 0;
        this.sentAt = new ReadOnlyObjectWrapper<>(this, "sentAt", sentAt);
        this.state = new ReadOnlyObjectWrapper<>(this, "state", state);
    }

    /** A marker for {@code skipped} messages (ids after {@code afterId}) that the list does not have. */
    private ChatEntry(long afterId, long skipped, String text, long sequence) {
        this.id = 0;
        this.clientId = null;
        this.author = "";
        this.text = text;
        this.own = false;
        this.sequence = sequence;
        this.gapAfter = afterId;
        this.skipped = skipped;
        this.sentAt = new ReadOnlyObjectWrapper<>(this, "sentAt", null);
        this.state = new ReadOnlyObjectWrapper<>(this, "state", State.SENT);
    }

    static ChatEntry gap(long afterId, long skipped, String text, long sequence) {
        return new ChatEntry(afterId, skipped, text, sequence);
    }

    // ---- what the view reads ----

    /** True for the marker "some messages are not shown" rather than a message; it has no id or author. */
    public boolean isGap() {
        return gapAfter >= 0;
    }

    /** For a gap marker: how many messages are missing at that spot. */
    public long skipped() {
        return skipped;
    }

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
        if (isGap()) {
            return "ChatEntry[gap after #" + gapAfter + ", " + skipped + " skipped]";
        }
        return "ChatEntry[" + (id > 0 ? "#" + id : clientId) + " " + author + " " + state.get() + "]";
    }

    // ---- changes (ChatViewModel only) ----

    /**
     * Order in the list: confirmed messages by id, a gap marker right after the message it follows, then
     * unconfirmed messages in the order they were written.
     */
    boolean sortsBefore(ChatEntry other) {
        boolean placed = isPlaced();
        if (placed != other.isPlaced()) {
            return placed;
        }
        if (!placed) {
            return sequence < other.sequence;
        }
        long position = isGap() ? gapAfter : id;
        long otherPosition = other.isGap() ? other.gapAfter : other.id;
        if (position != otherPosition) {
            return position < otherPosition;
        }
        return !isGap() && other.isGap(); // message n comes before the gap that follows it
    }

    /** True when the entry has its place in the server's order: a confirmed message or a gap marker. */
    boolean isPlaced() {
        return id > 0 || isGap();
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
