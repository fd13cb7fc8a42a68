package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;

/**
 * The chat of every room this window knows: one {@link RoomTimeline} per room, the one on screen, the
 * composer's draft (one per room), sending with pending / sent / failed states, editing and deleting our
 * messages ({@link MessageEdits}), history pages ({@link HistoryPages}), and telling the room list when the
 * user has seen a room's newest message (window focused, list at the bottom).
 *
 * <p>Which room shows is the room list's decision ({@link #show}); what its header says too ({@link #headingProperty}).
 *
 * <p>Threads: UI thread only (the app hands every network event over with {@code Platform.runLater}).
 */
public final class ChatViewModel {
    /** What the header above the messages says of the room on screen. */
    public record Heading(String title, String detail, boolean dm) {
        public static final Heading GENERAL = new Heading(RoomNames.GENERAL, "everyone", false);
    }

    /** Told when the user has seen a room up to its newest message. */
    public interface ReadListener {
        void seen(String room, long newestId);
    }

    private final Connection connection;
    private final Clock clock;
    private final Map<String, RoomTimeline> timelines = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<RoomTimeline> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObjectProperty<Heading> heading = new SimpleObjectProperty<>(this, "heading", Heading.GENERAL);
    private final Map<String, String> drafts = new HashMap<>();
    /** The room of each message of ours the server has not confirmed yet, by client id. */
    private final Map<String, String> pendingRooms = new HashMap<>();
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final BooleanProperty online = new SimpleBooleanProperty(this, "online");
    private final BooleanProperty signedIn = new SimpleBooleanProperty(this, "signedIn");
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final BooleanBinding canSend;
    private final ObservableStringValue draftHint;
    private final ObservableStringValue composerHint;
    private final MessageEdits edits;
    private final HistoryPages pages;
    private ReadListener readListener = (room, id) -> { };
    /** The draft put aside while a message is being edited. */
    private String draftBeforeEdit = "";
    private String me = "";

    public ChatViewModel(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
        this.edits = new MessageEdits(connection, clock);
        this.pages = new HistoryPages(connection);
        BooleanBinding draftOk = Bindings.createBooleanBinding(
                () -> !draft.get().isBlank() && draft.get().strip().length() <= Limits.MAX_CHAT_TEXT, draft);
        canSend = signedIn.and(draftOk); // offline too: the message waits in the outbox
        draftHint = Bindings.createStringBinding(() -> {
            int over = draft.get().strip().length() - Limits.MAX_CHAT_TEXT;
            return over > 0 ? over + (over == 1 ? " character" : " characters") + " over the limit of "
                    + Limits.MAX_CHAT_TEXT : "";
        }, draft);
        composerHint = Bindings.createStringBinding(() -> edits.editingProperty().get() != null
                        ? "Editing your message · Enter saves · Escape cancels"
                        : online.get() ? "Enter to send · Shift+Enter for a new line · Up edits your last message"
                        : "Offline: what you send now is kept and sent when the connection is back",
                online, edits.editingProperty());
        online.addListener((obs, was, now) -> timelines.values().forEach(timeline -> timeline.online(now)));
        ChangeListener<Boolean> bottomWatch = (obs, was, now) -> checkSeen();
        current.addListener((obs, old, now) -> {
            if (old != null) {
                old.atBottomProperty().removeListener(bottomWatch);
            }
            now.atBottomProperty().addListener(bottomWatch);
        });
        windowFocused.addListener((obs, was, now) -> checkSeen());
        signedIn.addListener((obs, was, now) -> checkSeen());
        current.set(timeline(RoomNames.GENERAL));
    }

    // ---- state the view binds to ----

    /** The room on screen. */
    public ReadOnlyObjectProperty<RoomTimeline> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The name of the room on screen. */
    public String room() {
        return current.get().room();
    }

    /** The lines of the room on screen, in display order. */
    public ObservableList<ChatEntry> entries() {
        return current.get().entries();
    }

    /** The chat of {@code room} as this window holds it (an empty one if it holds nothing of it yet). */
    public RoomTimeline timeline(String room) {
        return timelines.computeIfAbsent(room, name -> new RoomTimeline(name, clock));
    }

    /** Whether the room on screen is scrolled to its newest message ({@link RoomTimeline#atBottomProperty}). */
    public BooleanProperty atBottomProperty() {
        return current.get().atBottomProperty();
    }

    /** New messages of others in the room on screen that arrived while the user was scrolled up. */
    public ReadOnlyIntegerProperty unseenProperty() {
        return current.get().unseenProperty();
    }

    /** What the header says of the room on screen; kept by the room list. */
    public ObjectProperty<Heading> headingProperty() {
        return heading;
    }

    /** The text being written in the room on screen; kept while offline, and per room. */
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

    /** Whether the window has the focus: only then does the newest message count as seen. */
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
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

    /** The message the composer is editing, or null when it writes a new one. */
    public ReadOnlyObjectProperty<ChatEntry.Message> editingProperty() {
        return edits.editingProperty();
    }

    /** The signed-in user's name. */
    public String me() {
        return me;
    }

    public void setReadListener(ReadListener listener) {
        this.readListener = listener;
    }

    // ---- commands ----

    /**
     * Shows {@code room}, opened at the user's read position {@code readId} ("New messages" above what came
     * after it); the draft of the room left is kept for when it comes back. If what this window holds of the
     * room is behind, its newest messages are asked for.
     */
    public void show(String room, long readId) {
        RoomTimeline leaving = current.get();
        if (leaving.room().equals(room)) {
            if (!leaving.isUpToDate() && online.get()) {
                pages.newest(leaving);
            }
            return;
        }
        cancelEdit();
        drafts.put(leaving.room(), draft.get());
        leaving.clearDivider();
        RoomTimeline showing = timeline(room);
        current.set(showing);
        draft.set(drafts.getOrDefault(room, ""));
        drafts.remove(room);
        showing.openAt(readId);
        if (!showing.isUpToDate() && online.get()) {
            pages.newest(showing);
        }
        checkSeen();
    }

    /**
     * The user arrives in {@code room} (a sign-in, or the app started): like {@link #show}, and if it is already
     * on screen it opens again at {@code readId}, so the divider marks what came since the user was last here.
     */
    public void arrive(String room, long readId) {
        if (!room().equals(room)) {
            show(room, readId);
            return;
        }
        RoomTimeline showing = current.get();
        showing.openAt(readId);
        if (!showing.isUpToDate() && online.get()) {
            pages.newest(showing);
        }
        checkSeen();
    }

    /** Sends the draft (trailing blank lines trimmed) to the room on screen, or saves the edit being made. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = draft.get().strip();
        if (edits.editingProperty().get() != null) {
            edits.save(room(), text);
            draft.set(draftBeforeEdit);
            draftBeforeEdit = "";
            return;
        }
        String clientId = "c-" + UUID.randomUUID();
        RoomTimeline timeline = current.get();
        timeline.addPending(clientId, me, text, online.get() ? ChatEntry.State.PENDING : ChatEntry.State.QUEUED);
        pendingRooms.put(clientId, timeline.room());
        draft.set("");
        timeline.atBottomProperty().set(true); // your own message brings you to the bottom, as in every chat app
        connection.send(new ClientMessage.ChatSend(clientId, timeline.room(), text));
    }

    /** Sends a failed message again, with the same client id so a late echo still matches it. */
    public void retry(ChatEntry.Message entry) {
        String room = entry.clientId() == null ? null : pendingRooms.get(entry.clientId());
        if (room == null || entry.state() != ChatEntry.State.FAILED || !signedIn.get()) {
            return;
        }
        if (online.get()) {
            entry.sending();
        } else {
            entry.queued();
        }
        connection.send(new ClientMessage.ChatSend(entry.clientId(), room, entry.text()));
    }

    /** The user pressed "jump to latest": the view scrolls, and nothing is unseen any more. */
    public void jumpToLatest() {
        current.get().atBottomProperty().set(true);
    }

    /** The user reached the top of the list: the page before the oldest message shown, if there is one. */
    public void loadOlder() {
        if (online.get()) {
            pages.older(current.get());
        }
    }

    /** Up in an empty composer: edits the user's newest message in the room on screen. True if there is one. */
    public boolean editLast() {
        return draft.get().isEmpty() && current.get().lastChangeable().map(this::startEdit).orElse(false);
    }

    /** Puts {@code message} (ours) into the composer to be edited; the draft waits meanwhile. True if it did. */
    public boolean startEdit(ChatEntry.Message message) {
        boolean wasEditing = edits.editingProperty().get() != null;
        if (!edits.start(message)) {
            return false;
        }
        if (!wasEditing) {
            draftBeforeEdit = draft.get();
        }
        draft.set(message.text());
        return true;
    }

    /** Leaves edit mode without saving; the draft comes back. */
    public void cancelEdit() {
        if (edits.editingProperty().get() != null) {
            edits.cancel();
            draft.set(draftBeforeEdit);
            draftBeforeEdit = "";
        }
    }

    /** Deletes {@code message} of ours in the room on screen (the view asked the user to confirm). */
    public void delete(ChatEntry.Message message) {
        boolean wasEditing = edits.editingProperty().get() == message;
        edits.delete(room(), message);
        if (wasEditing) {
            draft.set(draftBeforeEdit);
            draftBeforeEdit = "";
        }
    }

    // ---- events from the connection ----

    /**
     * The chat of {@code user} is about to show (a sign-in, or the saved session at start): the rooms of
     * another user are cleared; the same user's, with what waits in the outbox, stay.
     */
    public void open(String user) {
        if (user.equals(me)) {
            return;
        }
        me = user;
        edits.cancel();
        draftBeforeEdit = "";
        timelines.clear();
        drafts.clear();
        pendingRooms.clear();
        current.set(timeline(RoomNames.GENERAL));
    }

    /**
     * A welcome for {@code user} (a sign-in or a resume) brought the newest messages of {@code room}: merged
     * by id there (with a gap marker if some are missing); every other room this window holds may be behind,
     * and the one on screen asks for its newest messages.
     */
    public void welcomed(String user, String room, List<ChatMessage> history) {
        open(user);
        timelines.values().forEach(RoomTimeline::stale);
        RoomTimeline welcomed = timeline(room == null ? RoomNames.GENERAL : room);
        welcomed.mergeNewest(history, me, history.size() < Limits.HISTORY_ON_SIGN_IN);
        edits.reapply(welcomed);
        if (!current.get().isUpToDate() && online.get()) {
            pages.newest(current.get());
        }
        checkSeen();
    }

    /** The copy saved at the last run, room by room, shown until the server's history arrives (merged by id then). */
    public void showSaved(String user, Map<String, List<ChatMessage>> saved) {
        open(user);
        saved.forEach((room, messages) -> {
            RoomTimeline timeline = timeline(room);
            messages.forEach(message -> timeline.accept(message, me, false));
            edits.reapply(timeline);
        });
    }

    /**
     * Messages, edits and deletions written in an earlier run (or a window that is gone) and still in the
     * outbox: shown as not sent yet, in the order written. The connection sends them itself.
     */
    public void restoreQueued(String user, List<ClientMessage.Command> queued) {
        open(user);
        for (ClientMessage.Command command : queued) {
            if (command instanceof ClientMessage.ChatSend send && !pendingRooms.containsKey(send.clientId())) {
                RoomTimeline timeline = timeline(send.roomOrGeneral());
                timeline.addPending(send.clientId(), me, send.text(),
                        online.get() ? ChatEntry.State.PENDING : ChatEntry.State.QUEUED);
                pendingRooms.put(send.clientId(), timeline.room());
            }
        }
        edits.restore(queued);
        timelines.values().forEach(edits::reapply);
    }

    /** The newest {@code perRoom} confirmed messages of every room this window holds: what is saved for the next start. */
    public Map<String, List<ChatMessage>> recent(int perRoom) {
        Map<String, List<ChatMessage>> out = new LinkedHashMap<>();
        timelines.forEach((room, timeline) -> {
            List<ChatMessage> messages = timeline.recent(perRoom);
            if (!messages.isEmpty()) {
                out.put(room, messages);
            }
        });
        return out;
    }

    /** A message from the server (ours echoed, or anyone's), in its room. */
    public void received(ChatMessage message) {
        String room = message.room() == null ? RoomNames.GENERAL : message.room();
        RoomTimeline timeline = timeline(room);
        timeline.accept(message, me, true);
        if (message.clientId() != null && message.author().equals(me)) {
            pendingRooms.remove(message.clientId());
        }
        if (timeline == current.get()) {
            checkSeen();
        }
    }

    /** A message was edited (by its author, perhaps in another window of ours). */
    public void edited(ServerMessage.ChatEdited edited) {
        RoomTimeline timeline = timelines.get(edited.room());
        if (timeline != null) {
            edits.edited(edited, timeline);
        }
    }

    /** A message was deleted (by its author, perhaps in another window of ours). */
    public void deleted(ServerMessage.ChatDeleted deleted) {
        RoomTimeline timeline = timelines.get(deleted.room());
        if (timeline != null) {
            edits.deleted(deleted, timeline);
        }
    }

    /** A history page; true if this window asked for it. */
    public boolean page(ServerMessage.ChatPage page) {
        if (!pages.answered(page, timelines::get, me)) {
            return false;
        }
        RoomTimeline timeline = timelines.get(page.room());
        if (timeline != null) {
            edits.reapply(timeline);
        }
        checkSeen();
        return true;
    }

    /** An error answer: a message of ours failed, an edit or deletion was refused, a page did not come. True if it was ours. */
    public boolean error(ServerMessage.Error error) {
        if (error.ref() == null) {
            return false;
        }
        ChatEntry.Message entry = unconfirmed(error.ref());
        if (entry != null) {
            entry.fail(describe(error));
            return true;
        }
        return edits.refused(error.ref(), error.code(), error.message(), timelines::get)
                || pages.failed(error.ref(), timelines::get);
    }

    /** A command of ours could not be sent at all. True if it was a chat command. */
    public boolean sendFailed(String clientId, String reason) {
        ChatEntry.Message entry = unconfirmed(clientId);
        if (entry != null) {
            entry.fail(reason);
            return true;
        }
        return edits.refused(clientId, null, reason, timelines::get) || pages.failed(clientId, timelines::get);
    }

    /** The connection dropped: what the server has not confirmed waits in the outbox for the next one. */
    public void connectionLost() {
        timelines.values().forEach(RoomTimeline::connectionLost);
        pages.connectionLost(timelines.values());
    }

    /** The user is no longer in {@code room} (the room list has moved the screen elsewhere first). */
    public void left(String room) {
        if (!room.equals(room()) && !RoomNames.GENERAL.equals(room)) {
            timelines.remove(room);
            drafts.remove(room);
        }
    }

    // ---- internals ----

    private ChatEntry.Message unconfirmed(String clientId) {
        String room = clientId == null ? null : pendingRooms.get(clientId);
        RoomTimeline timeline = room == null ? null : timelines.get(room);
        return timeline == null ? null : timeline.pending(clientId);
    }

    /** The newest message of the room on screen is in sight of the user: the room list may mark it read. */
    private void checkSeen() {
        RoomTimeline timeline = current.get();
        if (!signedIn.get() || !windowFocused.get() || !timeline.atBottomProperty().get()) {
            return;
        }
        long newest = timeline.newestId();
        if (newest > 0) {
            readListener.seen(timeline.room(), newest);
        }
    }

    private static String describe(ServerMessage.Error error) {
        return switch (error.code()) {
            case "rate_limited" -> "Sending too fast: not sent";
            case "unavailable" -> "The server could not deliver it right now";
            case "unknown_room", "not_member" -> "Not sent: you are not in this room";
            default -> error.message() == null || error.message().isBlank() ? "Not sent (" + error.code() + ")"
                    : "Not sent: " + error.message();
        };
    }
}
