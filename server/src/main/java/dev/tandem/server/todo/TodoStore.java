package dev.tandem.server.todo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every user's todo board on this server, in memory only: todos are server-local by design, and the
 * proxy's affinity keeps each user on one server. A user only ever reaches their own board, because the
 * board is looked up by the connection's signed-in user, never by anything the client sends.
 * Thread-safe: boards are created atomically; each board guards itself.
 */
public final class TodoStore {
    private final ConcurrentMap<String, TodoBoard> boards = new ConcurrentHashMap<>();

    public TodoBoard board(String user) {
        return boards.computeIfAbsent(user, name -> new TodoBoard());
    }

    public int users() {
        return boards.size();
    }
}
