package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableList;

/**
 * The chat of every room this window knows: one {@link RoomTimeline} per room, the one on screen, its
 * {@link ComposerViewModel}, our messages on their way ({@link Outgoing}: pending / sent / failed, retry),
 * edits and deletions by anyone ({@link MessageEdits}), history pages ({@link HistoryPages}), and telling the
 * room list when the user has seen a room's newest message (window focused, list at the bottom).
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

    private final Clock clock;
    private final Map<String, RoomTimeline> timelines = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<RoomTimeline> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObjectProperty<Heading> heading = new SimpleObjectProperty<>(this, "heading", Heading.GENERAL);
    private final BooleanProperty online = new SimpleBooleanProperty(this, "online");
    private final BooleanProperty signedIn = new SimpleBooleanProperty(this, "signedIn");
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final MessageEdits edits;
    private final HistoryPages pages;
    private final Outgoing outgoing;
    private final ComposerViewModel composer;
    private ReadListener readListener = (room, id) -> { };
    private String me = "";

    public ChatViewModel(Connection connection, Clock clock) {
        this.clock = clock;
        this.edits = new MessageEdits(connection, clock);
        this.pages = new HistoryPages(connection);
        this.outgoing = new Outgoing(connection);
        this.composer = new ComposerViewModel(current::get, () -> me, signedIn, online, outgoing, edits);
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

    /** The composer of the room on screen: its draft, sending, editing and deleting our messages. */
    public ComposerViewModel composer() {
        return composer;
    }

    /** The composer's draft ({@link ComposerViewModel#draftProperty}). */
    public StringProperty draftProperty() {
        return composer.draftProperty();
    }

    /** Sends the composer's draft ({@link ComposerViewModel#send}). */
    public void send() {
        composer.send();
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
            catchUp();
            return;
        }
        composer.switchRoom(leaving.room(), room);
        leaving.clearDivider();
        RoomTimeline showing = timeline(room);
        current.set(showing);
        showing.openAt(readId);
        catchUp();
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
        current.get().openAt(readId);
        catchUp();
    }

    /** Sends a failed message again, with the same client id so a late echo still matches it. */
    public void retry(ChatEntry.Message entry) {
        if (signedIn.get()) {
            outgoing.retry(entry, online.get());
        }
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
        composer.clear();
        timelines.clear();
        outgoing.clear();
        current.set(timeline(RoomNames.GENERAL));
    }

    /**
     * A welcome for {@code user} (a sign-in or a resume) brought the newest messages of {@code room}: merged
     * by id there (with a gap marker if some are missing); every other room this window holds may be behind,
     * and the one on screen asks for its newest messages. Without {@code historyMore} (an older server), older
     * messages exist when the history is a full {@link Limits#HISTORY_ON_SIGN_IN}.
     */
    public void welcomed(String user, String room, List<ChatMessage> history) {
        welcomed(user, room, history, history.size() >= Limits.HISTORY_ON_SIGN_IN);
    }

    /** As a welcome with {@code historyMore} (servers since the history byte budget), which says it outright. */
    public void welcomed(String user, String room, List<ChatMessage> history, boolean olderExist) {
        open(user);
        timelines.values().forEach(RoomTimeline::stale);
        RoomTimeline welcomed = timeline(room == null ? RoomNames.GENERAL : room);
        welcomed.mergeNewest(history, me, !olderExist);
        edits.reapply(welcomed);
        catchUp();
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
            if (command instanceof ClientMessage.ChatSend send) {
                outgoing.restore(timeline(send.roomOrGeneral()), send, me, online.get());
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
        outgoing.arrived(message, me);
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
        ChatEntry.Message entry = outgoing.find(error.ref(), timelines::get);
        if (entry != null) {
            entry.fail(describe(error));
            return true;
        }
        return edits.refused(error.ref(), error.code(), error.message(), timelines::get)
                || pages.failed(error.ref(), timelines::get);
    }

    /** A command of ours could not be sent at all. True if it was a chat command. */
    public boolean sendFailed(String clientId, String reason) {
        ChatEntry.Message entry = outgoing.find(clientId, timelines::get);
        if (entry != null) {
            entry.fail(reason);
            return true;
        }
        return edits.refused(clientId, null, reason, timelines::get) || pages.failed(clientId, timelines::get);
    }

    /** A message of ours waits out a "not now" refusal ({@code words} say how long). True if it was one. */
    public boolean sendHeld(String clientId, String words) {
        ChatEntry.Message entry = outgoing.find(clientId, timelines::get);
        if (entry != null) {
            entry.held(words);
        }
        return entry != null;
    }

    /** A held message of ours went again: "Sending…" until its echo. True if it was one. */
    public boolean sendResumed(String clientId) {
        ChatEntry.Message entry = outgoing.find(clientId, timelines::get);
        if (entry != null && entry.state() == ChatEntry.State.HELD) {
            entry.sending();
        }
        return entry != null;
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
            composer.forget(room);
        }
    }

    // ---- internals ----

    /** The room on screen asks for its newest messages if what this window holds of it is behind. */
    private void catchUp() {
        if (!current.get().isUpToDate() && online.get()) {
            pages.newest(current.get());
        }
        checkSeen();
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
