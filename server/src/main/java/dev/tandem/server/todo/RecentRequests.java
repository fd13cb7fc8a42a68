package dev.tandem.server.todo;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The client ids of a user's latest applied todo requests, oldest first, at most {@code capacity}: a resend
 * of one of them is answered without applying it again. The durable copy is a sorted set in Redis, trimmed
 * to the resend window; this one is reloaded from it with the list. Not thread-safe: owned by a board.
 */
final class RecentRequests {
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentRequests(int capacity) {
        this.capacity = capacity;
    }

    boolean contains(String clientId) {
        return ids.contains(clientId);
    }

    void add(String clientId) {
        ids.add(clientId);
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Oldest first. */
    java.util.List<String> ids() {
        return java.util.List.copyOf(ids);
    }

    void replaceWith(Set<String> fromRedis) {
        ids.clear();
        fromRedis.forEach(this::add);
    }
}
