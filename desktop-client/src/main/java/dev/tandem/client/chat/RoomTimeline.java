package dev.tandem.client.chat;

import dev.tandem.model.ChatMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * One room's chat as this window holds it: its messages in the server's order (ids count per room), our
 * unconfirmed ones below them, a gap marker where messages are missing, the "new messages" divider, whether
 * the user is at the bottom and how many arrived unseen meanwhile, and how far back its history is loaded.
 *
 * <p>Threads: UI thread only.
 */
public final class RoomTimeline {
    /** Live messages beyond this many lines drop the oldest confirmed ones (history pages may go past it). */
    static final int MAX_ENTRIES = 1000;

    /** Whether older messages than the oldest shown can be fetched. */
    public enum Older {
        /** There may be older ones: scrolling to the top (or "Load older messages") asks for them. */
        MORE,
        /** A page is on its way. */
        LOADING,
        /** The oldest message the server keeps is shown (or the room has none). */
        NONE
    }

    private final String room;
    private final Clock clock;
    private final ChatLines lines;
    private final Map<String, ChatEntry.Message> unconfirmed = new HashMap<>();
    private final BooleanProperty atBottom = new SimpleBooleanProperty(this, "atBottom", true);
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper(this, "unseen");
    private final ReadOnlyObjectWrapper<Older> older = new ReadOnlyObjectWrapper<>(this, "older", Older.MORE);
    /** True once the room's newest history is here, since the last welcome (else opening it asks for it). */
    private boolean upToDate;
    private ChatEntry.Divider divider;
    /** The read position to put the divider at once the newest history arrives; -1 when none is wanted. */
    private long dividerWanted = -1;
    private long sequence;

    RoomTimeline(String room, Clock clock) {
        this.room = room;
        this.clock = clock;
        this.lines = new ChatLines(clock.getZone());
        atBottom.addListener((obs, was, now) -> {
            if (now) {
                unseen.set(0);
            }
        });
    }

    // ---- what the view reads ----

    public String room() {
        return room;
    }

    /** Lines in display order: confirmed messages by id (with the divider and gap markers), then our unconfirmed ones. */
    public ObservableList<ChatEntry> entries() {
        return lines.view();
    }

    /** The view says whether the newest message is in sight; while it isn't, new messages count as unseen. */
    public BooleanProperty atBottomProperty() {
        return atBottom;
    }

    /** New messages of others that arrived while the user was scrolled up. */
    public ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** Whether older history can be fetched, is on its way, or is all here. */
    public ReadOnlyObjectProperty<Older> olderProperty() {
        return older.getReadOnlyProperty();
    }

    /** The id of the oldest confirmed message shown, or 0 when there is none. */
    public long oldestId() {
        return lines.oldestId();
    }

    /** The id of the newest confirmed message shown, or 0 when there is none. */
    public long newestId() {
        return lines.newestId();
    }

    /** The confirmed message {@code id}, if shown. */
    public Optional<ChatEntry.Message> message(long id) {
        return lines.byId(id);
    }

    /** The newest message of {@code me} that may still be edited, if any. */
    Optional<ChatEntry.Message> lastChangeable() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) instanceof ChatEntry.Message message && message.changeable()) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** The newest {@code limit} confirmed messages, oldest first, as the server would send them. */
    List<ChatMessage> recent(int limit) {
        List<ChatMessage> out = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (lines.get(i) instanceof ChatEntry.Message entry && entry.id() > 0) {
                out.add(new ChatMessage(entry.id(), room, entry.author(), entry.text(), entry.sentAt(),
                        entry.clientId(), null, entry.editedAtProperty().get(), entry.deleted()));
            }
        }
        Collections.reverse(out);
        return out;
    }

    boolean isUpToDate() {
        return upToDate;
    }

    // ---- our own messages ----

    /** Shows one of our messages at once, before the server has it. */
    ChatEntry.Message addPending(String clientId, String me, String text, ChatEntry.State state) {
        ChatEntry.Message entry = new ChatEntry.Message(0, clientId, me, text, clock.instant(), true, state, ++sequence);
        unconfirmed.put(clientId, entry);
        lines.insert(entry);
        return entry;
    }

    ChatEntry.Message pending(String clientId) {
        return unconfirmed.get(clientId);
    }

    Collection<ChatEntry.Message> unconfirmed() {
        return unconfirmed.values();
    }

    // ---- what the server says ----

    /**
     * Takes a message: ours confirmed by its client id, anyone's added in id order, one already shown updated to
     * the server's text (an edit or deletion seen in history) unless a change of ours to it is on its way.
     */
    void accept(ChatMessage message, String me, boolean live) {
        ChatEntry.Message shown = lines.byId(message.id()).orElse(null);
        if (shown != null) {
            if (shown.changePending() == null) {
                shown.show(message.text(), message.editedAt(), message.deleted());
            }
            return; // already shown: history overlaps what arrived live
        }
        ChatEntry.Message mine = message.clientId() == null ? null : unconfirmed.get(message.clientId());
        if (mine != null && message.author().equals(me)) {
            unconfirmed.remove(message.clientId());
            mine.confirm(message.id(), message.sentAt());
            mine.show(message.text(), message.editedAt(), message.deleted());
            lines.confirmed(mine);
            return;
        }
        boolean own = message.author().equals(me);
        ChatEntry.Message entry = new ChatEntry.Message(message.id(), message.clientId(), message.author(),
                message.text(), message.sentAt(), own, ChatEntry.State.SENT, ++sequence);
        entry.show(message.text(), message.editedAt(), message.deleted());
        lines.insert(entry);
        if (live && !own && !atBottom.get()) {
            unseen.set(unseen.get() + 1);
        }
        if (live && lines.trim(MAX_ENTRIES, divider) && older.get() == Older.NONE) {
            older.set(Older.MORE); // what was dropped can be fetched again
        }
    }

    /**
     * Merges the room's newest messages (a welcome's history, or the newest page) by id: nothing shows twice,
     * and our unconfirmed messages that the server did receive become sent. Ids are consecutive within a room,
     * so when the oldest of them is more than one past the newest message already shown, messages sent while
     * we were away are missing: a gap marker says so at that spot instead of silently joining the two parts.
     *
     * @param complete true when nothing older exists (the answer held fewer than it could, or said no more)
     */
    void mergeNewest(List<ChatMessage> history, String me, boolean complete) {
        long newestShown = newestId();
        boolean wasEmpty = newestShown == 0;
        long oldestIncoming = history.stream().mapToLong(ChatMessage::id).min().orElse(0);
        if (newestShown > 0 && oldestIncoming > newestShown + 1) {
            long skipped = oldestIncoming - newestShown - 1;
            lines.insert(new ChatEntry.Gap(newestShown, skipped, gapText(skipped)));
        }
        for (ChatMessage message : history) {
            accept(message, me, false);
        }
        upToDate = true;
        if (complete) {
            older.set(Older.NONE);
        } else if (wasEmpty && older.get() == Older.NONE) {
            older.set(Older.MORE);
        }
        if (dividerWanted >= 0) {
            long readId = dividerWanted;
            dividerWanted = -1;
            placeDivider(readId);
        }
    }

    /** A page of older messages arrived; {@code more} says whether there are older ones still. */
    void mergeOlder(List<ChatMessage> page, String me, boolean more) {
        for (ChatMessage message : page) {
            accept(message, me, false);
        }
        older.set(more ? Older.MORE : Older.NONE);
    }

    void loadingOlder() {
        older.set(Older.LOADING);
    }

    /** The page did not come (offline, refused, link lost): scrolling up may ask again. */
    void olderNotLoaded() {
        if (older.get() == Older.LOADING) {
            older.set(Older.MORE);
        }
    }

    /** A new welcome: what this window holds of the room may be behind (the welcome brought another room's history). */
    void stale() {
        upToDate = false;
        olderNotLoaded();
    }

    // ---- the divider ----

    /**
     * The room opens with the user's read position at {@code readId}: "New messages" goes above the first
     * message of someone else after it (if the newest history is not here yet, once it is).
     */
    void openAt(long readId) {
        clearDivider();
        if (upToDate) {
            placeDivider(readId);
        } else {
            dividerWanted = readId;
        }
    }

    /** The room closes: the divider goes with it (the next opening puts it where the user left off then). */
    void clearDivider() {
        dividerWanted = -1;
        if (divider != null) {
            lines.remove(divider);
            divider = null;
        }
    }

    /** The divider, if one shows. */
    public Optional<ChatEntry.Divider> divider() {
        return Optional.ofNullable(divider);
    }

    private void placeDivider(long readId) {
        boolean unreadOfOthers = lines.view().stream().anyMatch(entry -> entry instanceof ChatEntry.Message message
                && message.id() > readId && !message.own());
        if (unreadOfOthers) {
            divider = new ChatEntry.Divider(readId);
            lines.insert(divider);
        }
    }

    // ---- connection ----

    /** The connection dropped: what the server has not confirmed waits in the outbox for the next one. */
    void connectionLost() {
        for (ChatEntry.Message entry : unconfirmed.values()) {
            if (entry.state() == ChatEntry.State.PENDING || entry.state() == ChatEntry.State.HELD) {
                entry.queued();
            }
        }
    }

    /** Connected: what waited goes out now ("Sending…"); disconnected: what was in flight waits again. */
    void online(boolean now) {
        for (ChatEntry.Message entry : unconfirmed.values()) {
            if (now && entry.state() == ChatEntry.State.QUEUED) {
                entry.sending();
            } else if (!now && (entry.state() == ChatEntry.State.PENDING || entry.state() == ChatEntry.State.HELD)) {
                entry.queued();
            }
        }
    }

    // ---- internals ----

    static String gapText(long skipped) {
        return skipped == 1 ? "1 message from while you were away is not shown"
                : "Some messages from while you were away are not shown (" + skipped + " skipped)";
    }
}
