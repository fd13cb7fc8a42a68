package dev.tandem.server.ws;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writing thread and the windows it writes to. Work for it comes in two kinds, kept apart so that one
 * user's volume cannot queue up in front of everyone else's:
 * <ul>
 *   <li><b>tasks</b> (broadcasts, joins, leaves, wake-ups), in one FIFO: a broadcast only appends the same
 *       shared bytes to each member's {@link Outbox}, which is cheap, so this queue stays short;</li>
 *   <li><b>writes</b>: handing a window's queued frames to Jetty, the costly part. Windows with frames to
 *       write wait in a ready ring of <em>lanes</em>, one lane per user (every window of a user is on the
 *       same shard). After at most {@link #TASKS_PER_PASS} tasks comes a pass over the ring: each lane's next
 *       {@link #WINDOWS_PER_LANE} windows hand over at most {@link #FRAMES_PER_TURN} frames each. A user
 *       with fifty busy windows gets the share of a user with four.</li>
 * </ul>
 * Frames of one window keep their order (one outbox, drained by this thread only). Idle, the thread blocks
 * on the task queue: no polling, and a frame offered to an idle shard is written at once.
 * <p>Threads: {@link #execute} and {@link #wake} may be called from any thread. The member list, the lanes
 * and the ring are owned by the shard's own thread.
 */
final class WriteShard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteShard.class);
    /** A window's frames per turn: enough for Jetty to write them as one, few enough to take turns often. */
    static final int FRAMES_PER_TURN = 16;
    /** Tasks run between two passes at most: no more than a window's turn writes, so writing keeps up. */
    private static final int TASKS_PER_PASS = FRAMES_PER_TURN;
    /** A lane's windows written per pass: a user's few windows all get a turn; a user's fifty, this many. */
    static final int WINDOWS_PER_LANE = 4;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    // Owned by the shard's thread.
    private final List<Connection> members = new ArrayList<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ring = new ArrayDeque<>();
    private final ByteBuffer[] turn = new ByteBuffer[FRAMES_PER_TURN];

    /** One user's windows that have frames to write, in turn order. */
    private static final class Lane {
        final String key;
        final ArrayDeque<Connection> ready = new ArrayDeque<>(2);
        /** In the ring (at most once). */
        boolean inRing;

        Lane(String key) {
            this.key = key;
        }
    }

    WriteShard(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the shard's thread, after the tasks queued before it. */
    void execute(Runnable task) {
        tasks.add(task);
    }

    /** {@code connection} (one of this shard's) has frames to write and was not scheduled: schedule it. */
    void wake(Connection connection) {
        if (Thread.currentThread() == thread) {
            ready(connection);
        } else {
            tasks.add(() -> ready(connection));
        }
    }

    void join(Connection connection) {
        execute(() -> members.add(connection));
    }

    void leave(Connection connection) {
        execute(() -> members.remove(connection));
    }

    /** Appends {@code utf8} (read-only, shared) to every member's outbox but those in {@code except}. */
    void broadcast(ByteBuffer utf8, java.util.Set<?> except) {
        execute(() -> {
            for (Connection connection : members) {
                if (except == null || !except.contains(connection)) {
                    connection.sendUtf8(utf8);
                }
            }
        });
    }

    /** Appends {@code utf8} to each of {@code targets} (this shard's), in one task. */
    void send(ByteBuffer utf8, List<Connection> targets) {
        execute(() -> {
            for (Connection connection : targets) {
                connection.sendUtf8(utf8);
            }
        });
    }

    private void ready(Connection connection) {
        Lane lane = lanes.get(connection.lane());
        if (lane == null) {
            lane = new Lane(connection.lane());
            lanes.put(lane.key, lane);
        }
        lane.ready.add(connection);
        if (!lane.inRing) {
            lane.inRing = true;
            ring.add(lane);
        }
    }

    private void run() {
        try {
            while (!closed) {
                Runnable task = ring.isEmpty() ? tasks.take() : tasks.poll();
                int ran = 0;
                while (task != null) {
                    safely(task);
                    task = ++ran < TASKS_PER_PASS ? tasks.poll() : null;
                }
                pass();
            }
        } catch (InterruptedException e) {
            // Closed.
        }
    }

    /**
     * Every lane that has frames to write gets one turn: up to {@link #WINDOWS_PER_LANE} of its windows
     * hand up to {@link #FRAMES_PER_TURN} frames each to Jetty. Between two passes at most
     * {@link #TASKS_PER_PASS} tasks run, each queuing at most one frame per window, so a user with a few
     * windows is written as fast as frames come for as long as the shard has the time; only a user with more
     * windows than that (or windows that do not read) falls behind, and is cut when past the limit.
     */
    private void pass() {
        for (int lanesLeft = ring.size(); lanesLeft > 0; lanesLeft--) {
            Lane lane = ring.poll();
            lane.inRing = false;
            for (int turns = Math.min(lane.ready.size(), WINDOWS_PER_LANE); turns > 0; turns--) {
                Connection connection = lane.ready.poll();
                try {
                    connection.writeTurn(turn);
                } catch (RuntimeException e) {
                    LOG.error("{} failed writing to connection {}; it carries on", thread.getName(),
                            connection.id(), e);
                } finally {
                    if (connection.stillReady()) {
                        lane.ready.add(connection);
                    }
                }
            }
            if (lane.inRing) {
                continue; // Woken again meanwhile: already back in the ring.
            }
            if (lane.ready.isEmpty()) {
                lanes.remove(lane.key);
            } else {
                lane.inRing = true;
                ring.add(lane);
            }
        }
    }

    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; it carries on", thread.getName(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
