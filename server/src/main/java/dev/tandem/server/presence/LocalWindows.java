package dev.tandem.server.presence;

import dev.tandem.server.window.Window;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The signed-in windows on this server, per user: a user is online here while at least one is open, and for
 * {@link #LINGER} after the last one closed. Windows are told apart by identity, so a window counted twice,
 * or a close for a window never counted (it closed during its sign-in), changes nothing.
 * <p>Why linger: a user moving to another server (a failover, or the todo lease handed over, which closes
 * the windows here with 4009) is signed in there before the new server's next heartbeat names them. Without
 * the linger this server could drop them first, and its windows would see them offline for a second and
 * online again; a window that reconnects to this server likewise. The linger is longer than one heartbeat
 * interval, so the new server's set is in Redis before this one lets go. It delays a clean close by that
 * much; a crash is unaffected (a dead server writes nothing, its key expires).
 * <p>Threads: not thread-safe; {@link PresenceBoard} owns it and calls it only under its lock.
 */
final class LocalWindows {
    /** How long a user stays online here after their last window here closed. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final Map<Window, String> userOf = new IdentityHashMap<>();
    private final Map<String, Integer> windows = new HashMap<>();
    /** Users whose last window closed, with when (nanoTime), until {@link #LINGER} has passed. */
    private final Map<String, Long> leftAt = new HashMap<>();

    /** Counts {@code window} for {@code user}; true if it was not counted yet. */
    boolean add(String user, Window window) {
        if (userOf.putIfAbsent(window, user) != null) {
            return false;
        }
        windows.merge(user, 1, Integer::sum);
        leftAt.remove(user);
        return true;
    }

    /** Forgets {@code window}, closed at {@code nowNanos}; true if it was counted. */
    boolean remove(Window window, long nowNanos) {
        String user = userOf.remove(window);
        if (user == null) {
            return false;
        }
        if (windows.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1) == null) {
            leftAt.put(user, nowNanos);
        }
        return true;
    }

    /** Forgets {@code window} as if it had never been counted: no linger (its sign-in did not finish). */
    void undo(Window window) {
        String user = userOf.remove(window);
        if (user != null) {
            windows.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
        }
    }

    /** How many of {@code user}'s windows are open here. */
    int windows(String user) {
        return windows.getOrDefault(user, 0);
    }

    /** The users online here at {@code nowNanos}: with a window open, or whose last closed within the linger. */
    Set<String> users(long nowNanos) {
        leftAt.values().removeIf(left -> nowNanos - left >= LINGER.toNanos());
        Set<String> users = new HashSet<>(windows.keySet());
        users.addAll(leftAt.keySet());
        return users;
    }
}
