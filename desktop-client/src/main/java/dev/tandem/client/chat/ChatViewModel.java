package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat: the message list, the draft, sending with pending / sent / failed states, and the unseen-count
 * behind "jump to latest".
 *
 * <p>Threads: UI thread only (the app hands every network event over with {@code Platform.runLater}).
 */
public final class ChatViewModel {
    /** The list keeps at most this many messages; older confirmed ones are dropped from the top. */
    static final int MAX_ENTRIES = 1000;

    private final Connection connection;
    private final Clock clock;

    private final ObservableList<ChatEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ChatEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final Map<Long, ChatEntry.Message> byId = new HashMap<>();
    private final Map<String, ChatEntry.Message> unconfirmed = new HashMap<>();
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final BooleanProperty online = new SimpleBooleanProperty(this, "online");
    private final BooleanProperty signedIn = new SimpleBooleanProperty(this, "signedIn");
    private final BooleanProperty atBottom = new SimpleBooleanProperty(this, "atBottom", true);
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper(this, "unseen");
    private final BooleanBinding canSend;
    private final ObservableStringValue draftHint;
    private final ObservableStringValue composerHint;
    private String me = "";
    private long sequence;

    public ChatViewModel(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
        BooleanBinding draftOk = Bindings.createBooleanBinding(
                () -> !draft.get().isBlank() && draft.get().strip().length() <= Limits.MAX_CHAT_TEXT, draft);
        canSend = signedIn.and(draftOk); // offline too: the message waits in the outbox
        draftHint = Bindings.createStringBinding(() -> {
            int over = draft.get().strip().length() - Limits.MAX_CHAT_TEXT;
            return over > 0 ? over + (over == 1 ? " character" : " characters") + " over the limit of "
                    + Limits.MAX_CHAT_TEXT : "";
        }, draft);
        composerHint = Bindings.createStringBinding(() -> online.get() ? "Enter to send · Shift+Enter for a new line"
                : "Offline: what you send now is kept and sent when the connection is back", online);
        atBottom.addListener((obs, was, now) -> {
            if (now) {
                unseen.set(0);
            }
        });
        // Connected: what waited goes out now ("Sending…"); disconnected: what was in flight waits again.
        online.addListener((obs, was, now) -> unconfirmed.values().forEach(entry -> {
            if (now && entry.state() == ChatEntry.State.QUEUED) {
                entry.sending();
            } else if (!now && entry.state() == ChatEntry.State.PENDING) {
                entry.queued();
            }
        }));
    }

    // ---- state the view binds to ----

    /** Messages in display order: confirmed ones by server id, then our unconfirmed ones. */
    public ObservableList<ChatEntry> entries() {
        return readOnlyEntries;
    }

    /** The text being written; kept while offline. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** True while signed in and connected; set by the app from the connection status. */
    public BooleanProperty onlineProperty() {
        return online;
    }

    /** True while a session exists (connected or not): messages can be written and are kept until sent. */
    public BooleanProperty signedInProperty() {
        return signedIn;
    }

    /** True when there is something sendable (connected or not: offline messages wait in the outbox). */
    public BooleanBinding canSendProperty() {
        return canSend;
    }

    /** A warning when the draft is over the length limit, otherwise empty. */
    public ObservableStringValue draftHintProperty() {
        return draftHint;
    }

    /** The line under the composer: how to send, or what happens to a message written while offline. */
    public ObservableStringValue composerHintProperty() {
        return composerHint;
    }

    /** The view says whether the newest message is in sight; while it isn't, new messages count as unseen. */
    public BooleanProperty atBottomProperty() {
        return atBottom;
    }

    /** New messages of others that arrived while the user was scrolled up. */
    public ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** The signed-in user's name. */
    public String me() {
        return me;
    }

    // ---- commands ----

    /** Sends the draft (trailing blank lines trimmed) and shows it at once as pending. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = draft.get().strip();
        String clientId = "c-" + UUID.randomUUID();
        ChatEntry.Message entry = new ChatEntry.Message(0, clientId, me, text, clock.instant(), true,
                online.get() ? ChatEntry.State.PENDING : ChatEntry.State.QUEUED, ++sequence);
        unconfirmed.put(clientId, entry);
        insert(entry);
        draft.set("");
        atBottom.set(true); // your own message brings you to the bottom, as in every chat app
        connection.send(new ClientMessage.ChatSend(clientId, text));
    }

    /** Sends a failed message again, with the same client id so a late echo still matches it. */
    public void retry(ChatEntry.Message entry) {
        if (entry.state() != ChatEntry.State.FAILED || !signedIn.get()) {
            return;
        }
        if (online.get()) {
            entry.sending();
        } else {
            entry.queued();
        }
        connection.send(new ClientMessage.ChatSend(entry.clientId(), entry.text()));
    }

    /** The user pressed "jump to latest": the view scrolls, and nothing is unseen any more. */
    public void jumpToLatest() {
        atBottom.set(true);
        unseen.set(0);
    }

    // ---- events from the connection ----

    /**
     * The chat of {@code user} is about to show (a sign-in, or the saved session at start): a list of another
     * user is cleared; the same user's list, with what waits in the outbox, stays.
     */
    public void open(String user) {
        if (user.equals(me)) {
            return;
        }
        me = user;
        entries.clear();
        byId.clear();
        unconfirmed.clear();
        unseen.set(0);
        atBottom.set(true);
    }

    /** A password sign-in as {@code user} was welcomed with {@code history}. */
    public void signedIn(String user, List<ChatMessage> history) {
        open(user);
        mergeHistory(history);
    }

    /** The copy saved at the last run, shown until the server's history arrives (merged by id then). */
    public void showSaved(String user, List<ChatMessage> saved) {
        open(user);
        for (ChatMessage message : saved) {
            accept(message, false);
        }
    }

    /**
     * Messages written in an earlier run (or a window that is gone) and still in the outbox: shown as not
     * sent yet, in the order written. The connection sends them itself.
     */
    public void restoreQueued(String user, List<ClientMessage.ChatSend> queued) {
        open(user);
        for (ClientMessage.ChatSend send : queued) {
            if (unconfirmed.containsKey(send.clientId())) {
                continue;
            }
            ChatEntry.Message entry = new ChatEntry.Message(0, send.clientId(), me, send.text(), clock.instant(), true,
                    online.get() ? ChatEntry.State.PENDING : ChatEntry.State.QUEUED, ++sequence);
            unconfirmed.put(send.clientId(), entry);
            insert(entry);
        }
    }

    /** The newest {@code limit} confirmed messages, oldest first: what is saved for the next start. */
    public List<ChatMessage> recent(int limit) {
        List<ChatMessage> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (entries.get(i) instanceof ChatEntry.Message entry && entry.id() > 0) {
                out.add(new ChatMessage(entry.id(), entry.author(), entry.text(), entry.sentAt(), entry.clientId(), null));
            }
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Merges history from a welcome (after a reconnect, or the first one) by message id: nothing is shown
     * twice, and our unconfirmed messages that the server did receive become sent.
     *
     * <p>A welcome brings only the newest {@link Limits#HISTORY_ON_SIGN_IN} messages. Ids are consecutive
     * (the server counts them in Redis), so when the oldest of them is more than one past the newest message
     * already shown, messages sent while we were away are missing: a gap marker says so at that spot instead
     * of silently joining the two parts.
     */
    public void mergeHistory(List<ChatMessage> history) {
        long newestShown = newestShownId();
        long oldestIncoming = history.stream().mapToLong(ChatMessage::id).min().orElse(0);
        if (newestShown > 0 && oldestIncoming > newestShown + 1) {
            long skipped = oldestIncoming - newestShown - 1;
            insert(new ChatEntry.Gap(newestShown, skipped, gapText(skipped)));
        }
        for (ChatMessage message : history) {
            accept(message, false);
        }
    }

    /** A message from the server (ours echoed, or anyone's). */
    public void received(ChatMessage message) {
        accept(message, true);
    }

    /** An error answer: if it refers to one of our messages, that message failed. Returns true if it did. */
    public boolean error(ServerMessage.Error error) {
        ChatEntry.Message entry = error.ref() == null ? null : unconfirmed.get(error.ref());
        if (entry == null) {
            return false;
        }
        entry.fail(describe(error));
        return true;
    }

    /** A command of ours could not be sent at all. Returns true if it was a chat message. */
    public boolean sendFailed(String clientId, String reason) {
        ChatEntry.Message entry = unconfirmed.get(clientId);
        if (entry == null) {
            return false;
        }
        entry.fail(reason);
        return true;
    }

    /** The connection dropped: what the server has not confirmed waits in the outbox for the next one. */
    public void connectionLost() {
        for (ChatEntry.Message entry : unconfirmed.values()) {
            if (entry.state() == ChatEntry.State.PENDING) {
                entry.queued();
            }
        }
    }

    // ---- internals ----

    private void accept(ChatMessage message, boolean live) {
        if (byId.containsKey(message.id())) {
            return; // already shown: history overlaps what arrived live
        }
        ChatEntry.Message mine = message.clientId() == null ? null : unconfirmed.get(message.clientId());
        if (mine != null && message.author().equals(me)) {
            unconfirmed.remove(message.clientId());
            mine.confirm(message.id(), message.sentAt());
            byId.put(message.id(), mine);
            int index = entries.indexOf(mine);
            if (inOrderAt(index)) {
                regroup(index);
                regroup(index + 1);
            } else {
                // Others' messages were accepted before ours: move it to its place in the server's order.
                entries.remove(index);
                regroup(index);
                insert(mine);
            }
            return;
        }
        boolean own = message.author().equals(me);
        ChatEntry.Message entry = new ChatEntry.Message(message.id(), message.clientId(), message.author(), message.text(),
                message.sentAt(), own, ChatEntry.State.SENT, ++sequence);
        byId.put(message.id(), entry);
        insert(entry);
        if (live && !own && !atBottom.get()) {
            unseen.set(unseen.get() + 1);
        }
        trim();
    }

    /** Inserts in display order (almost always at the end, so search from there). */
    private void insert(ChatEntry entry) {
        int index = entries.size();
        while (index > 0 && ChatOrder.sortsBefore(entry, entries.get(index - 1))) {
            index--;
        }
        entries.add(index, entry);
        regroup(index);
        regroup(index + 1);
    }

    /** The id of the newest confirmed message in the list, or 0 when there is none. */
    private long newestShownId() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof ChatEntry.Message message && message.id() > 0) {
                return message.id();
            }
        }
        return 0;
    }

    static String gapText(long skipped) {
        return skipped == 1 ? "1 message from while you were away is not shown"
                : "Some messages from while you were away are not shown (" + skipped + " skipped)";
    }

    private boolean inOrderAt(int index) {
        ChatEntry entry = entries.get(index);
        boolean afterPrevious = index == 0 || ChatOrder.sortsBefore(entries.get(index - 1), entry);
        boolean beforeNext = index == entries.size() - 1 || ChatOrder.sortsBefore(entry, entries.get(index + 1));
        return afterPrevious && beforeNext;
    }

    private void trim() {
        while (entries.size() > MAX_ENTRIES && ChatOrder.isPlaced(entries.get(0))) {
            if (entries.remove(0) instanceof ChatEntry.Message dropped) {
                byId.remove(dropped.id());
            }
            // A gap marker with nothing above it no longer sits between two parts of the conversation.
            if (!entries.isEmpty() && entries.get(0) instanceof ChatEntry.Gap) {
                entries.remove(0);
            }
            regroup(0);
        }
    }

    /** Sets whether the line at {@code index} continues the group above it (gaps are never part of one). */
    private void regroup(int index) {
        if (index < 0 || index >= entries.size() || !(entries.get(index) instanceof ChatEntry.Message message)) {
            return;
        }
        message.continuation(index > 0 && ChatOrder.continues(entries.get(index - 1), message, clock.getZone()));
    }

    private static String describe(ServerMessage.Error error) {
        return switch (error.code()) {
            case "rate_limited" -> "Sending too fast: not sent";
            case "unavailable" -> "The server could not deliver it right now";
            default -> error.message() == null || error.message().isBlank() ? "Not sent (" + error.code() + ")"
                    : "Not sent: " + error.message();
        };
    }
}
