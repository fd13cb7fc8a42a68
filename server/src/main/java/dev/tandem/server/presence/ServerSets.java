package dev.tandem.server.presence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this server knows of the other servers' users: one set per server id, with the stamp it was read at.
 * A poll ({@link PresenceStore#others}) sends the stamps and gets back, per live server, either "unchanged"
 * (its set is kept) or a new stamp and set; a server that is gone (its key expired or was never written) or
 * no longer registered is dropped, unless {@code keepMissing} says Redis has just come back and may not have
 * every live server's key again yet.
 * <p>Threads: not thread-safe; owned by the presence thread.
 */
final class ServerSets {
    /** One server's users as of {@code stamp}. */
    record Known(String stamp, Set<String> users) {
    }

    private Map<String, Known> known = Map.of();

    /** Server id → stamp of the set held, for the next poll. */
    Map<String, String> stamps() {
        Map<String, String> stamps = new HashMap<>();
        known.forEach((server, set) -> stamps.put(server, set.stamp()));
        return stamps;
    }

    /** Takes in one poll's answer. */
    void apply(List<PresenceStore.ServerState> states, boolean keepMissing) {
        Map<String, Known> next = new HashMap<>();
        if (keepMissing) {
            next.putAll(known);
        }
        for (PresenceStore.ServerState state : states) {
            Known old = known.get(state.server());
            if (state.stamp() == null) {
                if (!keepMissing) {
                    next.remove(state.server());
                }
            } else if (state.users() == null) {
                if (old != null && old.stamp().equals(state.stamp())) {
                    next.put(state.server(), old);
                } else {
                    next.remove(state.server()); // Not what was asked about; the next poll reads it in full.
                }
            } else {
                next.put(state.server(), new Known(state.stamp(), Set.copyOf(state.users())));
            }
        }
        known = Map.copyOf(next);
    }

    /** Every user online on another server. */
    Set<String> users() {
        Set<String> users = new HashSet<>();
        known.values().forEach(set -> users.addAll(set.users()));
        return users;
    }

    /** The servers held, with their sets (for tests). */
    Map<String, Known> known() {
        return known;
    }
}
