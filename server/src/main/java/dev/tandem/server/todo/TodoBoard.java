package dev.tandem.server.todo;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.ServerMessage.TodoSnapshot;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import dev.tandem.server.limits.RefusalLog;
import dev.tandem.server.redis.RedisFailure;
import dev.tandem.server.redis.ReplicatedWrites;
import dev.tandem.server.window.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's todo list on this server: the working copy that serves every read, the welcome and the push to
 * the user's windows, in front of the durable record in Redis ({@link TodoRecord}).
 * <ul>
 *   <li>The user's first window here takes the lease and loads the list from Redis.</li>
 *   <li>A change is committed to Redis (checked against the lease's epoch) before it is applied here and
 *       pushed as {@code todo.changed}: whatever a window was told is durable.</li>
 *   <li>A refused commit (the lease moved) or a take-over announced by another server retires the board:
 *       its windows are closed with {@link CloseCodes#MOVED} and reconnect to the new owner.</li>
 * </ul>
 * <p>Threads: the windows' session threads send commands at once, the chat delivery thread attaches windows,
 * the lease watch revokes, the timers thread evicts; every method holds this board's monitor, which also
 * covers the Redis round trip of a commit, so changes reach Redis and every window in revision order. Only
 * this user's windows ever wait on it, and the holder never waits for another thread (a send can run a
 * closing window's close handler inline, which re-enters this monitor on the same thread). Sends never block.
 */
final class TodoBoard implements TodoStore.Opening {
    private static final Logger LOG = LoggerFactory.getLogger(TodoBoard.class);

    private final String user;
    private final TodoRecord record;
    private final RefusalLog failures;

    // Guarded by this.
    private final Map<String, Todo> items = new LinkedHashMap<>();
    private final Set<Window> windows = new LinkedHashSet<>();
    private final RecentRequests recent = new RecentRequests(TodoRecord.REQUESTS_KEPT);
    private long epoch;
    private long revision;
    private long nextId = 1;
    /** Holds the lease, and the copy matches Redis at {@link #revision}. */
    private boolean loaded;
    /** A commit's outcome is unknown (Redis timed out or the link dropped): reload before the next use. */
    private boolean unsure;
    /** Evicted, revoked or shut down: never used again (the store makes a new board). */
    private boolean retired;
    private long idleSinceNanos = System.nanoTime();

    TodoBoard(String user, TodoRecord record, RefusalLog failures) {
        this.user = user;
        this.record = record;
        this.failures = failures;
    }

    /**
     * Session thread, before {@link #attach}: the user's first window here takes the lease and loads the list
     * (one Redis round trip); a copy whose last commit had an unknown outcome is re-read. False if the board
     * is retired (the store then makes a new one).
     *
     * @throws RuntimeException from Lettuce when Redis cannot be reached
     */
    synchronized boolean open() {
        if (retired) {
            return false;
        }
        if (windows.isEmpty() || !loaded) {
            TodoRecord.Loaded taken = record.take(user);
            // Still in memory from the last window, and nobody took the lease since (the epoch moved by our
            // take alone): if Redis is behind this copy, it lost acknowledged writes, so this copy wins.
            if (loaded && taken.epoch() <= epoch + 1 && taken.revision() < revision) {
                epoch = taken.epoch();
                if (record.writeBack(user, epoch, revision, nextId, items.values(), recent.ids())
                        == TodoRecord.WriteBack.WRITTEN) {
                    unsure = false;
                } else {
                    install(record.read(user));
                }
            } else {
                install(taken);
            }
            LOG.info("user={} todo lease taken by {} at epoch {} ({} todos, revision {})", user, record.serverId(),
                    epoch, items.size(), revision);
        } else if (unsure && !reload()) {
            return false;
        }
        idleSinceNanos = System.nanoTime(); // Not idle: a window is on its way.
        return true;
    }

    /**
     * Adds a window, in memory only (it runs on the chat delivery thread, which must not wait for Redis):
     * {@code welcome} gets the snapshot and says whether the window is still wanted. Snapshot and admission
     * happen under the lock, so no change slips in between.
     */
    @Override
    public synchronized TodoStore.Attach attach(Window window, Predicate<TodoList> welcome) {
        if (retired || !loaded || unsure) {
            return TodoStore.Attach.RETRY; // Moved or evicted since open(): open again.
        }
        if (!welcome.test(snapshot())) {
            return TodoStore.Attach.REFUSED;
        }
        windows.add(window);
        return TodoStore.Attach.ATTACHED;
    }

    synchronized void detach(Window window) {
        if (windows.remove(window) && windows.isEmpty()) {
            idleSinceNanos = System.nanoTime();
        }
    }

    /**
     * Carries out one command: committed to Redis first, then applied here and pushed to every window. A
     * client id applied within the resend window is answered with the current list instead, to the sender.
     *
     * @throws ProtocolException {@code not_found}, {@code limit_reached}, or {@code unavailable} when Redis
     *                           cannot take the change (nothing was changed, or, if Redis did not answer,
     *                           a resend with the same client id is safe)
     */
    synchronized void apply(Window sender, ClientMessage.TodoCommand command) throws ProtocolException {
        String clientId = command.clientId();
        if (!serves(sender)) {
            return;
        }
        try {
            if (unsure && !reload()) {
                return;
            }
            for (int attempt = 0; ; attempt++) {
                if (recent.contains(clientId)) {
                    record.awaitReplicas(); // The first answer may have been "unavailable": not on a replica yet.
                    sender.send(Codec.get().encode(new TodoSnapshot(clientId, snapshot())));
                    return;
                }
                TodoEdit edit = TodoEdit.of(items, nextId, command);
                TodoRecord.Commit outcome = record.commit(user, epoch, revision, edit, clientId);
                if (outcome == TodoRecord.Commit.APPLIED) {
                    edit.applyTo(items);
                    nextId = edit.nextId();
                    recent.add(clientId);
                    // Encoded once and shared by every window: a toggle of a 1,000-item list is ~250 KB, and a
                    // copy per window is what let one user's non-reading windows hold hundreds of megabytes.
                    ByteBuffer frame = ByteBuffer.wrap(Codec.get().encode(
                            new TodoChanged(clientId, ++revision, edit.op(), edit.upserted(), edit.removed()))
                            .getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
                    // A copy: a send to a closing window can run its close handler (and so detach) inline.
                    for (Window window : List.copyOf(windows)) {
                        window.sendUtf8(frame);
                    }
                    return;
                }
                if (outcome == TodoRecord.Commit.FENCED) {
                    revoke("the lease moved to another server");
                    return;
                }
                // STALE: Redis is ahead of this copy (an earlier commit did land although we never heard back).
                if (attempt > 0 || !reload()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            throw unavailable(e, clientId);
        }
    }

    /** Sends the whole list to {@code sender} (its {@code todo.sync}). */
    synchronized void sync(Window sender, String clientId) throws ProtocolException {
        if (!serves(sender)) {
            return;
        }
        try {
            if (unsure && !reload()) {
                return;
            }
        } catch (RuntimeException e) {
            throw unavailable(e, clientId);
        }
        sender.send(Codec.get().encode(new TodoSnapshot(clientId, snapshot())));
    }

    synchronized TodoList snapshot() {
        return new TodoList(revision, new ArrayList<>(items.values()));
    }

    /**
     * Another server took the lease at {@code takenEpoch} (announced on the lease channel). Retires this
     * board if that take-over is newer than ours. True if the board is retired now.
     */
    synchronized boolean revokeIfBehind(long takenEpoch, String owner) {
        if (!retired && (takenEpoch > epoch || (takenEpoch == epoch && !owner.equals(record.serverId())))) {
            revoke("server " + owner + " took over at epoch " + takenEpoch);
        }
        return retired;
    }

    /**
     * After a lease announcement could have been missed (the subscription was down, perhaps Redis
     * restarted): re-reads the record and reconciles this copy with it. True if the board is retired now.
     */
    synchronized boolean revalidate() {
        if (!retired && loaded) {
            reconcile(record.read(user));
        }
        return retired;
    }

    /** Retires the board if no window has shown it for {@code idleNanos}; gives the lease up. */
    synchronized boolean evictIfIdle(long nowNanos, long idleNanos) {
        if (!retired && windows.isEmpty() && nowNanos - idleSinceNanos >= idleNanos) {
            retireAndRelease();
        }
        return retired;
    }

    /** Shutdown: no more changes here; the lease is given up so the next owner need not wait for anything. */
    synchronized void shutDown() {
        if (!retired) {
            retireAndRelease();
        }
    }

    synchronized boolean isRetired() {
        return retired;
    }

    /** True if {@code window} may use this board; else it is closed so that it reconnects to the owner. */
    private boolean serves(Window window) {
        if (retired || !windows.contains(window)) {
            window.close(CloseCodes.MOVED, "your todo list is served by another server now");
            return false;
        }
        return true;
    }

    /** Re-reads the list and reconciles this copy with it; false (and retired) if the lease is no longer ours. */
    private boolean reload() {
        return reconcile(record.read(user));
    }

    /**
     * Brings this copy and Redis into agreement. Redis at or ahead of this copy under our lease (a commit
     * whose answer was lost did land): take Redis's. Redis behind it, or empty (it lost acknowledged
     * writes): this copy is the newest acknowledged state, so it is written back. The lease elsewhere:
     * retire. False if retired.
     */
    private boolean reconcile(TodoRecord.Loaded stored) {
        boolean ours = stored.epoch() == epoch && stored.owner().equals(record.serverId());
        if (ours && stored.revision() >= revision) {
            install(stored);
            return true;
        }
        TodoRecord.WriteBack outcome = record.writeBack(user, epoch, revision, nextId, items.values(), recent.ids());
        if (outcome == TodoRecord.WriteBack.WRITTEN) {
            LOG.warn("user={} Redis was behind this server's acknowledged copy (revision {} there, {} here): "
                    + "wrote {} todos back from {}'s memory", user, stored.revision(), revision, items.size(),
                    record.serverId());
            unsure = false;
            return true;
        }
        if (outcome == TodoRecord.WriteBack.NOT_BEHIND) {
            // It moved on between the read and the write-back (a commit with a lost answer): take it if ours.
            TodoRecord.Loaded again = record.read(user);
            if (again.epoch() == epoch && again.owner().equals(record.serverId())) {
                install(again);
                return true;
            }
        }
        revoke("the lease moved to " + stored.owner() + " at epoch " + stored.epoch());
        return false;
    }

    private void install(TodoRecord.Loaded state) {
        epoch = state.epoch();
        revision = state.revision();
        nextId = state.nextId();
        items.clear();
        state.items().forEach(todo -> items.put(todo.id(), todo));
        recent.replaceWith(state.recentRequests());
        loaded = true;
        unsure = false;
    }

    private void revoke(String why) {
        retired = true;
        loaded = false;
        LOG.info("user={} todo list retired on {}: {}; closing {} window(s) with {}", user, record.serverId(), why,
                windows.size(), CloseCodes.MOVED);
        List<Window> moving = List.copyOf(windows);
        windows.clear();
        for (Window window : moving) {
            window.close(CloseCodes.MOVED, "your todo list is served by another server now");
        }
    }

    private void retireAndRelease() {
        retired = true;
        if (loaded) {
            loaded = false;
            try {
                record.release(user, epoch);
            } catch (RuntimeException e) {
                LOG.debug("user={} lease release failed (the next owner takes it anyway): {}", user, RedisFailure.describe(e));
            }
        }
        windows.clear();
    }

    private ProtocolException unavailable(RuntimeException failure, String clientId) {
        if (RedisFailure.refused(failure)) {
            failures.note("todo change refused by Redis", "user=" + user + ": " + RedisFailure.describe(failure));
            return new ProtocolException(ErrorCode.UNAVAILABLE,
                    "the todo list cannot be saved right now (storage refused the write); nothing was changed", clientId);
        }
        unsure = true;
        if (failure instanceof ReplicatedWrites.NotReplicated) {
            failures.note("todo change not acknowledged (too few replicas)", "user=" + user + ": " + failure.getMessage());
            return new ProtocolException(ErrorCode.UNAVAILABLE, "the todo list cannot be saved safely right now (too few"
                    + " Redis replicas): resend with the same clientId: it is never applied twice", clientId);
        }
        failures.note("todo change outcome unknown (Redis)", "user=" + user + ": " + RedisFailure.describe(failure));
        return new ProtocolException(ErrorCode.UNAVAILABLE, "the todo list cannot be saved right now (storage "
                + "unreachable); resend with the same clientId once connected: it is never applied twice", clientId);
    }
}
