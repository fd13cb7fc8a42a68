package dev.tandem.client.chat;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lines of one room in display order ({@link ChatOrder}), each message knowing whether it continues the
 * group above it, and the confirmed messages by id. What goes in and out is {@link RoomTimeline}'s decision.
 *
 * <p>Threads: UI thread only.
 */
final class ChatLines {
    private final ZoneId zone;
    private final ObservableList<ChatEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ChatEntry> readOnly = FXCollections.unmodifiableObservableList(entries);
    private final Map<Long, ChatEntry.Message> byId = new HashMap<>();

    ChatLines(ZoneId zone) {
        this.zone = zone;
    }

    ObservableList<ChatEntry> view() {
        return readOnly;
    }

    int size() {
        return entries.size();
    }

    ChatEntry get(int index) {
        return entries.get(index);
    }

    Optional<ChatEntry.Message> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The id of the oldest confirmed message, or 0 when there is none. */
    long oldestId() {
        for (ChatEntry entry : entries) {
            if (entry instanceof ChatEntry.Message message && message.id() > 0) {
                return message.id();
            }
        }
        return 0;
    }

    /** The id of the newest confirmed message, or 0 when there is none. */
    long newestId() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof ChatEntry.Message message && message.id() > 0) {
                return message.id();
            }
        }
        return 0;
    }

    /** Inserts in display order (almost always at the end, so search from there); a confirmed message by its id too. */
    void insert(ChatEntry entry) {
        if (entry instanceof ChatEntry.Message message && message.id() > 0) {
            byId.put(message.id(), message);
        }
        int index = entries.size();
        while (index > 0 && ChatOrder.sortsBefore(entry, entries.get(index - 1))) {
            index--;
        }
        entries.add(index, entry);
        regroup(index);
        regroup(index + 1);
    }

    /** One of ours just got its id: it stays where it is if that is its place in the server's order, else moves there. */
    void confirmed(ChatEntry.Message message) {
        byId.put(message.id(), message);
        int index = entries.indexOf(message);
        if (inOrderAt(index)) {
            regroup(index);
            regroup(index + 1);
        } else {
            // Others' messages were accepted before ours: move it to its place in the server's order.
            entries.remove(index);
            regroup(index);
            insert(message);
        }
    }

    void remove(ChatEntry entry) {
        int index = entries.indexOf(entry);
        if (index >= 0) {
            entries.remove(index);
            regroup(index);
        }
    }

    /**
     * Drops the oldest placed lines while there are more than {@code max} (never {@code keep}); a gap marker
     * left at the top goes too, having nothing above it to separate. True if anything was dropped.
     */
    boolean trim(int max, ChatEntry keep) {
        boolean dropped = false;
        while (entries.size() > max && ChatOrder.isPlaced(entries.get(0)) && entries.get(0) != keep) {
            if (entries.remove(0) instanceof ChatEntry.Message message) {
                byId.remove(message.id());
            }
            if (!entries.isEmpty() && entries.get(0) instanceof ChatEntry.Gap) {
                entries.remove(0);
            }
            regroup(0);
            dropped = true;
        }
        return dropped;
    }

    private boolean inOrderAt(int index) {
        ChatEntry entry = entries.get(index);
        boolean afterPrevious = index == 0 || ChatOrder.sortsBefore(entries.get(index - 1), entry);
        boolean beforeNext = index == entries.size() - 1 || ChatOrder.sortsBefore(entry, entries.get(index + 1));
        return afterPrevious && beforeNext;
    }

    /** Sets whether the line at {@code index} continues the group above it (gaps and dividers never are). */
    private void regroup(int index) {
        if (index < 0 || index >= entries.size() || !(entries.get(index) instanceof ChatEntry.Message message)) {
            return;
        }
        message.continuation(index > 0 && ChatOrder.continues(entries.get(index - 1), message, zone));
    }
}
