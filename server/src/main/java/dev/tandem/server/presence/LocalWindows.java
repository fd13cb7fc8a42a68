package dev.tandem.server.presence;

import dev.tandem.server.window.Window;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The signed-in windows on this server, per user: a user is online here while at least one is open. Windows
 * are told apart by identity, so a window counted twice, or a close for a window never counted (it closed
 * during its sign-in), changes nothing.
 * <p>Threads: not thread-safe; {@link PresenceBoard} owns it and calls it only under its lock.
 */
final class LocalWindows {
    private final Map<Window, String> userOf = new IdentityHashMap<>();
    private final Map<String, Integer> windows = new HashMap<>();

    /** Counts {@code window} for {@code user}; true if it was not counted yet. */
    boolean add(String user, Window window) {
        if (userOf.putIfAbsent(window, user) != null) {
            return false;
        }
        windows.merge(user, 1, Integer::sum);
        return true;
    }

    /** Forgets {@code window}; true if it was counted. */
    boolean remove(Window window) {
        String user = userOf.remove(window);
        if (user == null) {
            return false;
        }
        windows.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
        return true;
    }

    /** How many of {@code user}'s windows are open here. */
    int windows(String user) {
        return windows.getOrDefault(user, 0);
    }

    /** The users with at least one window here (a copy). */
    Set<String> users() {
        return Set.copyOf(windows.keySet());
    }
}
