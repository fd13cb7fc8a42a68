package dev.tandem.server.relay;

import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is here: the users signed in on this server, their windows and the rooms each is in, indexed by room,
 * so an envelope reaches exactly the local members of its room at a cost of O(those members), and a server
 * without members of a room spends nothing on it but reading the header. General is everyone: its frames go
 * to every signed-in window through the hub.
 * <p>A user's rooms come from the sign-in snapshot of their first window here; from then on the relay's
 * join and leave envelopes keep them, in order with the messages, and a re-subscription reloads them.
 * <p>Threads: owned by the chat delivery thread (every method); the sending itself happens on the hub's
 * shard threads, each window's frames in the order they were handed over here.
 */
final class LocalMembers {
    private static final class LocalUser {
        final List<Window> windows = new ArrayList<>(2);
        final Set<String> rooms;

        LocalUser(Set<String> rooms) {
            this.rooms = new HashSet<>(rooms);
        }
    }

    private final Broadcaster out;
    private final Map<String, LocalUser> users = new HashMap<>();
    private final Map<String, Set<LocalUser>> byRoom = new HashMap<>();

    LocalMembers(Broadcaster out) {
        this.out = out;
    }

    /** True if {@code user} has a window here (so their rooms are known and kept up to date). */
    boolean has(String user) {
        return users.containsKey(user);
    }

    /** The users with a window here. */
    Set<String> users() {
        return Set.copyOf(users.keySet());
    }

    /** The rooms of a local user (general left out), or null. For tests and checks. */
    Set<String> roomsOf(String user) {
        LocalUser local = users.get(user);
        return local == null ? null : Collections.unmodifiableSet(local.rooms);
    }

    /** Adds a window; {@code rooms} (general left out) is used only if it is the user's first window here. */
    void add(String user, Window window, Set<String> rooms) {
        LocalUser local = users.get(user);
        if (local == null) {
            local = new LocalUser(rooms);
            users.put(user, local);
            for (String room : local.rooms) {
                byRoom.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(local);
            }
        }
        local.windows.add(window);
    }

    void remove(String user, Window window) {
        LocalUser local = users.get(user);
        if (local == null || !local.windows.remove(window) || !local.windows.isEmpty()) {
            return;
        }
        users.remove(user);
        for (String room : local.rooms) {
            unindex(room, local);
        }
    }

    /** Replaces a local user's rooms (after a reload); ignored for a user not here. */
    void install(String user, Set<String> rooms) {
        LocalUser local = users.get(user);
        if (local == null) {
            return;
        }
        for (String room : Set.copyOf(local.rooms)) {
            if (!rooms.contains(room)) {
                leave(local, room);
            }
        }
        for (String room : rooms) {
            join(local, room);
        }
    }

    /** Delivers one envelope to its local audience, and applies its membership change. */
    void deliver(Envelope envelope) {
        deliver(envelope, null);
    }

    /** {@link #deliver(Envelope)}, but its frame does not go to {@code skipped} (if not null). */
    void deliver(Envelope envelope, Window skipped) {
        LocalUser subject = envelope.user() == null ? null : users.get(envelope.user());
        if (envelope.kind() == Envelope.Kind.JOIN && subject != null) {
            join(subject, envelope.room());
        }
        switch (envelope.kind().audience()) {
            case ROOM -> toRoom(envelope.room(), envelope.frame(), null, skipped);
            case OTHERS -> toRoom(envelope.room(), envelope.frame(), subject, skipped);
            case USER -> toUser(subject, envelope.frame());
        }
        if (envelope.kind() == Envelope.Kind.MESSAGE && envelope.extra() != null) {
            toUser(subject, envelope.extra());
        }
        if (envelope.kind() == Envelope.Kind.LEAVE && subject != null) {
            leave(subject, envelope.room());
        }
    }

    /**
     * Sends {@code window} (a new one of {@code user}, whose rooms at the snapshot were {@code rooms}) what it
     * would have got of {@code since} had it been here from the snapshot on, directly (the caller is on the
     * delivery thread, before any later envelope). {@code rooms} is brought up to date on the way.
     */
    static void replay(List<Envelope> since, String user, Set<String> rooms, Window window) {
        for (Envelope envelope : since) {
            if (!user.equals(envelope.user()) && envelope.kind().audience() == Envelope.Audience.USER) {
                continue;
            }
            if (envelope.kind() == Envelope.Kind.JOIN) {
                rooms.add(envelope.room());
            }
            boolean member = Keys.isGeneral(envelope.room()) || rooms.contains(envelope.room());
            boolean gets = switch (envelope.kind().audience()) {
                case ROOM -> member;
                case OTHERS -> member && !user.equals(envelope.user());
                case USER -> true;
            };
            if (gets) {
                window.send(envelope.frame());
            }
            if (envelope.kind() == Envelope.Kind.MESSAGE && envelope.extra() != null && user.equals(envelope.user())) {
                window.send(envelope.extra());
            }
            if (envelope.kind() == Envelope.Kind.LEAVE) {
                rooms.remove(envelope.room());
            }
        }
    }

    /** {@code rooms} (of {@code user}) after the membership changes in {@code since}. */
    static Set<String> evolve(List<Envelope> since, String user, Set<String> rooms) {
        Set<String> now = new HashSet<>(rooms);
        for (Envelope envelope : since) {
            if (user.equals(envelope.user())) {
                if (envelope.kind() == Envelope.Kind.JOIN) {
                    now.add(envelope.room());
                } else if (envelope.kind() == Envelope.Kind.LEAVE) {
                    now.remove(envelope.room());
                }
            }
        }
        return now;
    }

    private void toRoom(String room, String frame, LocalUser except, Window skipped) {
        if (Keys.isGeneral(room)) {
            if (except == null && skipped == null) {
                out.broadcast(utf8(frame));
            } else {
                Set<Window> not = except == null ? new HashSet<>() : new HashSet<>(except.windows);
                if (skipped != null) {
                    not.add(skipped);
                }
                out.broadcastExcept(utf8(frame), not);
            }
            return;
        }
        Set<LocalUser> members = byRoom.get(room);
        if (members == null) {
            return;
        }
        List<Window> targets = new ArrayList<>();
        for (LocalUser member : members) {
            if (member != except) {
                targets.addAll(member.windows);
            }
        }
        if (skipped != null) {
            targets.remove(skipped);
        }
        if (!targets.isEmpty()) {
            out.send(utf8(frame), targets);
        }
    }

    private void toUser(LocalUser user, String frame) {
        if (user != null) {
            out.send(utf8(frame), List.copyOf(user.windows));
        }
    }

    private void join(LocalUser local, String room) {
        if (!Keys.isGeneral(room) && local.rooms.add(room)) {
            byRoom.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(local);
        }
    }

    private void leave(LocalUser local, String room) {
        if (local.rooms.remove(room)) {
            unindex(room, local);
        }
    }

    private void unindex(String room, LocalUser local) {
        Set<LocalUser> members = byRoom.get(room);
        if (members != null && members.remove(local) && members.isEmpty()) {
            byRoom.remove(room);
        }
    }

    private static ByteBuffer utf8(String frame) {
        return ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8));
    }
}
