package dev.tandem.client.rooms;

import dev.tandem.model.RoomNames;
import dev.tandem.model.RoomSummary;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * One line of the room list: a room or a DM, its title, how many are in it, the user's read position and
 * how many messages are unread. Changed only by {@link RoomsViewModel}.
 *
 * <p>Threads: UI thread only.
 */
public final class RoomItem {
    private final String room;
    private final RoomSummary.RoomKind kind;
    private final String title;
    private final ReadOnlyIntegerWrapper members = new ReadOnlyIntegerWrapper(this, "members");
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper(this, "unread");
    private final ReadOnlyBooleanWrapper current = new ReadOnlyBooleanWrapper(this, "current");
    private final BooleanBinding hasUnread = Bindings.greaterThan(unread, 0);
    private long lastId;
    private long readId;

    RoomItem(RoomSummary summary) {
        this.room = summary.room();
        this.kind = summary.kind() == null ? RoomSummary.RoomKind.room : summary.kind();
        this.title = summary.title() == null || summary.title().isBlank() ? summary.room() : summary.title();
        update(summary);
    }

    /**
     * The read position of a room the server has not summed up: general before the first welcome, or on a
     * server that lists no rooms (and keeps no read positions). Nothing there counts as unread.
     */
    static final long UNKNOWN_READ = Long.MAX_VALUE;

    /** General until the server says more: everyone is in it. */
    static RoomItem general() {
        return new RoomItem(new RoomSummary(RoomNames.GENERAL, RoomSummary.RoomKind.room, RoomNames.GENERAL, 0, 0,
                UNKNOWN_READ, 0));
    }

    public String room() {
        return room;
    }

    public boolean isDm() {
        return kind == RoomSummary.RoomKind.dm;
    }

    /** A room's name, or for a DM the other user. */
    public String title() {
        return title;
    }

    /** General and DMs cannot be left. */
    public boolean canLeave() {
        return !isDm() && !RoomNames.GENERAL.equals(room);
    }

    public ReadOnlyIntegerProperty membersProperty() {
        return members.getReadOnlyProperty();
    }

    /** Messages newer than the user's read position (the badge). */
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    public int unread() {
        return unread.get();
    }

    public BooleanBinding hasUnreadProperty() {
        return hasUnread;
    }

    /** True for the room on screen. */
    public ReadOnlyBooleanProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The id of the newest message the user has read here; 0 if none. */
    public long readId() {
        return readId;
    }

    public long lastId() {
        return lastId;
    }

    /** As the server summed it up (the welcome, or a join). */
    public RoomSummary summary() {
        return new RoomSummary(room, kind, title, members.get(), lastId, readId, unread.get());
    }

    @Override
    public String toString() {
        return title + (unread.get() > 0 ? " (" + unread.get() + ")" : "");
    }

    // ---- changes (RoomsViewModel only) ----

    void update(RoomSummary summary) {
        members.set(summary.members());
        lastId = summary.lastId();
        readId = summary.readId();
        unread.set(Math.max(0, summary.unread()));
    }

    void members(int count) {
        members.set(count);
    }

    void current(boolean value) {
        current.set(value);
    }

    /** A new message arrived here. */
    void arrived(long id, boolean own) {
        lastId = Math.max(lastId, id);
        if (own) {
            read(id, 0); // posting moves the author's read position to it
        } else if (id > readId) {
            unread.set(unread.get() + 1);
        }
    }

    /** The read position moved to {@code id} with {@code count} unread after it; lower positions are old news. */
    boolean read(long id, int count) {
        if (id < readId) {
            return false;
        }
        readId = id;
        unread.set(Math.max(0, count));
        return true;
    }
}
