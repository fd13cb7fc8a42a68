package dev.tandem.server.todo;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.TodoList;
import dev.tandem.server.limits.RefusalLog;
import dev.tandem.server.window.Window;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Every user's todo board on this server. A user only ever reaches their own board, because the board is
 * looked up by the connection's signed-in user, never by anything the client sends. A board is retired when
 * its lease moves or it has been idle (no window) for a while; the next window gets a fresh one, loaded
 * from Redis.
 * <p>Threads: called from session threads, the lease watch and the timers thread. Boards are created
 * atomically in the map; each guards itself; retired boards are replaced, never revived.
 */
public final class TodoStore {
    private final ConcurrentMap<String, TodoBoard> boards = new ConcurrentHashMap<>();
    private final TodoRecord record;
    private final Duration idleEviction;
    /** How long each change takes, from the frame to its commit in Redis and the push to the windows. */
    private final io.micrometer.core.instrument.Timer commits;

    /** Changes Redis did not take, logged in summary (a client retrying through an outage sends many). */
    private final RefusalLog failures;

    /** Commits go through {@code commitWrites}, so they are acknowledged only once enough replicas have them. */
    public TodoStore(io.lettuce.core.api.sync.RedisCommands<String, String> redis,
                     dev.tandem.server.redis.ReplicatedWrites commitWrites, String serverId,
                     java.time.Clock clock, Duration idleEviction, io.micrometer.core.instrument.Timer commits,
                     RefusalLog failures) {
        this.record = new TodoRecord(redis, commitWrites, serverId, clock);
        this.failures = failures;
        this.idleEviction = idleEviction;
        this.commits = commits;
    }

    /** What attaching a window came to. */
    public enum Attach { ATTACHED, REFUSED, RETRY }

    /** A user's list, loaded and leased, ready for a window to attach (see {@link #open}). */
    public interface Opening {
        /**
         * Adds {@code window}, in memory only (safe on the chat delivery thread). {@code welcome} gets the
         * snapshot and returns whether to keep the window. {@link Attach#RETRY}: the list moved or was
         * evicted since it was opened; open it again.
         */
        Attach attach(Window window, Predicate<TodoList> welcome);
    }

    /**
     * Session thread: readies {@code user}'s board for a new window, taking the lease and loading the list
     * from Redis if this is the user's first window here.
     *
     * @throws RuntimeException from Lettuce when Redis cannot be reached (nothing changed)
     */
    public Opening open(String user) {
        while (true) {
            TodoBoard board = boards.computeIfAbsent(user, name -> new TodoBoard(name, record, failures));
            if (board.open()) {
                return board;
            }
            boards.remove(user, board);
        }
    }

    public void detach(String user, Window window) {
        TodoBoard board = boards.get(user);
        if (board != null) {
            board.detach(window);
        }
    }

    /** Carries out a todo command from one of {@code user}'s windows (see {@link TodoBoard#apply}). */
    public void apply(String user, Window sender, ClientMessage.TodoCommand command) throws ProtocolException {
        TodoBoard board = boards.get(user);
        if (board == null) {
            sender.close(CloseCodes.MOVED, "your todo list is served by another server now");
        } else {
            long start = System.nanoTime();
            try {
                board.apply(sender, command);
            } finally {
                commits.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Answers a {@code todo.sync} with the whole list. */
    public void sync(String user, Window sender, String clientId) throws ProtocolException {
        TodoBoard board = boards.get(user);
        if (board == null) {
            sender.close(CloseCodes.MOVED, "your todo list is served by another server now");
        } else {
            board.sync(sender, clientId);
        }
    }

    /** Timers thread: forgets the lists no window has shown for the idle time (their leases are given up). */
    public void evictIdle() {
        long now = System.nanoTime();
        boards.values().removeIf(board -> board.evictIfIdle(now, idleEviction.toNanos()));
    }

    /** Shutdown, after the windows were closed: no board takes changes any more, and every lease is given up. */
    public void shutDown() {
        boards.values().forEach(TodoBoard::shutDown);
        boards.clear();
    }

    /** Lease watch: {@code owner} took {@code user}'s lease at {@code epoch}. */
    void leaseTaken(String user, long epoch, String owner) {
        TodoBoard board = boards.get(user);
        if (board != null && board.revokeIfBehind(epoch, owner)) {
            boards.remove(user, board);
        }
    }

    /** Lease watch, after (re)subscribing: announcements may have been missed, so every lease is checked. */
    void revalidateAll() {
        boards.forEach((user, board) -> {
            if (board.revalidate()) {
                boards.remove(user, board);
            }
        });
    }

    String serverId() {
        return record.serverId();
    }

    /** Boards in memory (for tests and status). */
    public int users() {
        return boards.size();
    }
}
