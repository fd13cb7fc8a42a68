package dev.tandem.client.typing;

import dev.tandem.client.connection.Connection;
import dev.tandem.client.connection.Scheduler;
import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.RoomNames;
import dev.tandem.model.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Typing, both ways. Incoming: each {@code typing} frame shows "bob is typing…" in its room for
 * {@link Limits#TYPING_SHOWN} after bob's last one, or until bob's message arrives there (or bob goes offline);
 * the line is that of the room on screen, in the order people started typing. Outgoing: while the user edits
 * the draft of a room, {@code typing} goes at most every {@link Limits#TYPING_INTERVAL} for that room, never
 * for an empty draft. Frames about the signed-in user are never shown.
 *
 * <p>Threads: UI thread only. The {@link Scheduler} given must run its tasks on the UI thread too
 * ({@link FxScheduler} in the app, a manual clock in tests), so expiry needs no locks.
 */
public final class TypingViewModel {
    private final Connection connection;
    private final Scheduler timers;
    /** Per room, who is typing there (in the order they started) and the timer that ends it. */
    private final Map<String, LinkedHashMap<String, Scheduler.Cancellable>> typing = new HashMap<>();
    /** Per room, when this window last said the user is typing there. */
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper(this, "line", "");
    private String room = RoomNames.GENERAL;
    private String me = "";

    public TypingViewModel(Connection connection, Scheduler timers) {
        this.connection = Objects.requireNonNull(connection);
        this.timers = Objects.requireNonNull(timers);
    }

    // ---- state ----

    /** "bob is typing…" and the like for the room on screen; empty when nobody is. */
    public ReadOnlyStringProperty lineProperty() {
        return line.getReadOnlyProperty();
    }

    /** Who is typing in {@code room}, in the order they started. */
    public List<String> typing(String room) {
        LinkedHashMap<String, Scheduler.Cancellable> users = typing.get(room);
        return users == null ? List.of() : List.copyOf(users.keySet());
    }

    // ---- commands ----

    /** The room on screen changed: the line is now that room's. */
    public void show(String room) {
        this.room = room == null ? RoomNames.GENERAL : room;
        update();
    }

    /**
     * The user changed the draft of {@code room} (a key typed, a paste): says so to the room's other members,
     * unless the draft is empty or this window said it less than {@link Limits#TYPING_INTERVAL} ago.
     */
    public void draftEdited(String room, String draft) {
        if (room == null || draft == null || draft.isBlank() || !RoomNames.isValid(room)) {
            return;
        }
        Instant now = timers.now();
        Instant last = lastSent.get(room);
        if (last != null && Duration.between(last, now).compareTo(Limits.TYPING_INTERVAL) < 0) {
            return;
        }
        lastSent.put(room, now);
        connection.sendNow(new ClientMessage.Typing(room));
    }

    // ---- events ----

    /** A sign-in or resume: who typed before is old news. */
    public void welcomed(ServerMessage.Welcome welcome, boolean resumed) {
        clear();
        me = welcome.user();
    }

    /** Reads typing frames, and the messages and presence changes that end someone's typing. */
    public void received(ServerMessage message) {
        if (message instanceof ServerMessage.Typing frame) {
            started(roomOf(frame.room()), frame.user());
        } else if (message instanceof ChatMessage chat) {
            stopped(roomOf(chat.room()), chat.author());
        } else if (message instanceof ServerMessage.Presence presence) {
            for (String gone : presence.offline()) {
                for (String where : List.copyOf(typing.keySet())) {
                    stopped(where, gone);
                }
            }
        }
    }

    /** Signed out (or back on the sign-in screen): nobody is typing, nothing was sent. */
    public void clear() {
        typing.values().forEach(users -> users.values().forEach(Scheduler.Cancellable::cancel));
        typing.clear();
        lastSent.clear();
        me = "";
        update();
    }

    // ---- internals ----

    private void started(String where, String user) {
        if (user == null || user.equals(me)) {
            return;
        }
        LinkedHashMap<String, Scheduler.Cancellable> users = typing.computeIfAbsent(where, r -> new LinkedHashMap<>());
        Scheduler.Cancellable previous = users.get(user);
        if (previous != null) {
            previous.cancel(); // still typing: the line stays, and is shown TYPING_SHOWN from now
        }
        users.put(user, timers.schedule(Limits.TYPING_SHOWN, () -> expired(where, user)));
        if (previous == null && where.equals(room)) {
            update();
        }
    }

    private void expired(String where, String user) {
        LinkedHashMap<String, Scheduler.Cancellable> users = typing.get(where);
        if (users != null && users.remove(user) != null) {
            forget(where, users);
        }
    }

    private void stopped(String where, String user) {
        LinkedHashMap<String, Scheduler.Cancellable> users = typing.get(where);
        Scheduler.Cancellable timer = users == null ? null : users.remove(user);
        if (timer != null) {
            timer.cancel();
            forget(where, users);
        }
    }

    private void forget(String where, LinkedHashMap<String, Scheduler.Cancellable> users) {
        if (users.isEmpty()) {
            typing.remove(where);
        }
        if (where.equals(room)) {
            update();
        }
    }

    private void update() {
        line.set(TypingWords.line(typing(room)));
    }

    private static String roomOf(String room) {
        return room == null ? RoomNames.GENERAL : room;
    }
}
