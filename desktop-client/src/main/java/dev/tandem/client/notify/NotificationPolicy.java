package dev.tandem.client.notify;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * When a message raises a desktop notification, and which rooms are marked for it. A live message raises one
 * when it is someone else's and either is in a DM or mentions the user ({@link Mentions}), unless the user is
 * looking at it: the window focused with that room on screen. So an unfocused window notifies of every DM and
 * mention, a focused one of those in other rooms. Never for the user's own messages, deleted ones, or what
 * comes as history (the welcome's, a page's: only live {@code chat.message}s are read), and once per message.
 *
 * <p>A notified room stays marked (the count in the window's title, {@link WindowTitle}) until the user has it
 * on screen in the focused window, reads it in another window ({@code room.read} with nothing unread), or
 * leaves it.
 *
 * <p>Threads: UI thread only.
 */
public final class NotificationPolicy {
    private final Notifier notifier;
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final StringProperty currentRoom = new SimpleStringProperty(this, "currentRoom", RoomNames.GENERAL);
    private final ObservableSet<String> marked = FXCollections.observableSet();
    private final ObservableSet<String> readOnlyMarked = FXCollections.unmodifiableObservableSet(marked);
    private final IntegerBinding markedCount = Bindings.size(marked);
    /** Per room, the newest message id notified of (a message comes once, but a late duplicate must not ring). */
    private final Map<String, Long> notifiedUpTo = new HashMap<>();
    private String me = "";

    public NotificationPolicy(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier);
        windowFocused.addListener((obs, was, now) -> seenIfLooking());
        currentRoom.addListener((obs, was, now) -> seenIfLooking());
    }

    // ---- state ----

    /** Whether the window has the focus; the app binds it to its stage's. */
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    /** The room on screen; the app binds it to its room list's. */
    public StringProperty currentRoomProperty() {
        return currentRoom;
    }

    /** The rooms notified of and not yet seen. */
    public ObservableSet<String> markedRooms() {
        return readOnlyMarked;
    }

    /** How many rooms are marked. */
    public IntegerBinding markedCountProperty() {
        return markedCount;
    }

    // ---- events ----

    /** A sign-in or a resume: a new user starts with nothing marked. */
    public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
        if (!welcome.user().equals(me)) {
            clear();
            me = welcome.user();
        }
    }

    /** Reads live messages (which may notify) and read positions and departures (which unmark). */
    public void received(ServerMessage message) {
        if (message instanceof ChatMessage chat) {
            consider(chat);
        } else if (message instanceof ServerMessage.ReadPosition read && read.unread() == 0) {
            marked.remove(read.room());
        } else if (message instanceof ServerMessage.RoomLeft left) {
            marked.remove(left.room());
        }
    }

    /** Signed out: nothing is marked. */
    public void clear() {
        marked.clear();
        notifiedUpTo.clear();
        me = "";
    }

    // ---- internals ----

    private void consider(ChatMessage message) {
        String room = message.room() == null ? RoomNames.GENERAL : message.room();
        if (me.isEmpty() || me.equals(message.author()) || message.deleted()) {
            return;
        }
        boolean dm = RoomNames.isDm(room);
        if (!dm && !Mentions.mentions(message.text(), me)) {
            return;
        }
        if (windowFocused.get() && room.equals(currentRoom.get())) {
            return; // on screen, in front of the user
        }
        Long upTo = notifiedUpTo.get(room);
        if (upTo != null && message.id() <= upTo) {
            return;
        }
        notifiedUpTo.put(room, message.id());
        marked.add(room);
        String title = dm ? RoomNames.dmPeer(room, me).orElse(room) : "#" + room;
        notifier.show(new Notification(room, title, message.author(), Notification.excerpt(message.text()), dm));
    }

    private void seenIfLooking() {
        if (windowFocused.get() && currentRoom.get() != null) {
            marked.remove(currentRoom.get());
        }
    }
}
