package dev.tandem.server.ws;

import dev.tandem.model.CloseCodes;
import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This server's open connections, and the signed-in ones a chat broadcast goes to. Concurrent sets:
 * connections are registered on session threads, admitted on the chat delivery thread (at sign-in) and
 * removed on any session thread (at close). Broadcasts are written by {@link BroadcastShards}, whose
 * threads keep their own member lists in step with admissions and removals.
 */
public final class ConnectionHub implements Broadcaster, AutoCloseable {
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Connection> signedIn = ConcurrentHashMap.newKeySet();
    private final BroadcastShards shards = BroadcastShards.perCore();
    /** Frames handed to Jetty, and connections cut for reading too slowly: read by the metrics. */
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder slowConsumerCuts = new LongAdder();
    /** Guarded by this hub's lock. */
    private boolean shuttingDown;
    private boolean stopAnnounced;

    /**
     * The connection receives every chat broadcast made after this call, none made before it. False if it
     * closed already (its close was handled first), in which case it must not be kept anywhere.
     * <p>Admit and remove hold the hub's lock, so a close racing a sign-in can neither leave the connection
     * in {@code signedIn} nor queue its shard join after its leave.
     */
    public synchronized boolean admit(Connection connection) {
        if (!open.contains(connection) || !signedIn.add(connection)) {
            return false;
        }
        shards.join(connection);
        return true;
    }

    public synchronized void remove(Connection connection) {
        open.remove(connection);
        connection.closed();
        if (signedIn.remove(connection)) {
            shards.leave(connection);
        }
        notifyAll();
    }

    /**
     * Registers a new connection; false once the server is shutting down (the caller turns it away, so a
     * client reconnecting during the drain goes to another server instead of being cut off here).
     */
    public synchronized boolean register(Connection connection) {
        if (shuttingDown) {
            return false;
        }
        open.add(connection);
        return true;
    }

    /** Shutdown: refuses new connections from now on and closes the open ones with {@code code}. */
    public void shutDown(int code, String reason) {
        synchronized (this) {
            shuttingDown = true;
        }
        for (Connection connection : open) {
            connection.close(code, reason);
        }
    }

    /**
     * The first step of a graceful stop: /health says "stopping" (so proxies stop routing here) while the open
     * connections carry on and new ones are still taken, until {@link #shutDown} closes them all.
     */
    public synchronized void announceStop() {
        stopAnnounced = true;
    }

    /** True once the stop was announced or begun: /health answers 503 "stopping". */
    public synchronized boolean isShuttingDown() {
        return stopAnnounced || shuttingDown;
    }

    /** Waits until every connection has closed (their close handshakes done), or the timeout passes. */
    public synchronized boolean awaitAllClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Queues one frame (UTF-8, encoded once) to every signed-in connection, in the order of calls. */
    @Override
    public void broadcast(ByteBuffer utf8) {
        shards.broadcast(utf8.asReadOnlyBuffer());
    }

    @Override
    public void broadcastExcept(ByteBuffer utf8, Set<? extends Window> except) {
        shards.broadcastExcept(utf8.asReadOnlyBuffer(), except);
    }

    /** Queues one frame to these connections (this hub's own), each in its place among the broadcasts. */
    @Override
    public void send(ByteBuffer utf8, List<? extends Window> windows) {
        if (windows.isEmpty()) {
            return;
        }
        List<Connection> connections = new ArrayList<>(windows.size());
        for (Window window : windows) {
            connections.add((Connection) window);
        }
        shards.send(utf8.asReadOnlyBuffer(), connections);
    }

    /** The shard that writes the windows of {@code lane} (a user). */
    WriteShard shardFor(String lane) {
        return shards.shardFor(lane);
    }

    void wrote(int frames) {
        framesOut.add(frames);
    }

    void cutSlow() {
        slowConsumerCuts.increment();
    }

    /** Frames written to clients since start. */
    public long framesOut() {
        return framesOut.sum();
    }

    /** Connections closed with 4000 since start. */
    public long slowConsumerCuts() {
        return slowConsumerCuts.sum();
    }

    /** Frames queued to every open connection and not yet written (outboxes and Jetty), now. */
    public long queuedFrames() {
        long sum = 0;
        for (Connection connection : open) {
            sum += connection.pendingFrames();
        }
        return sum;
    }

    /** Bytes queued to every open connection and not yet written (outboxes and Jetty), now. */
    public long queuedBytes() {
        long sum = 0;
        for (Connection connection : open) {
            sum += connection.pendingBytes();
        }
        return sum;
    }

    /** The most bytes pending for one open connection, now. */
    public long mostQueuedBytes() {
        long max = 0;
        for (Connection connection : open) {
            max = Math.max(max, connection.pendingBytes());
        }
        return max;
    }

    /** The longest queue of one open connection, now. */
    public int longestQueue() {
        int max = 0;
        for (Connection connection : open) {
            max = Math.max(max, connection.pendingFrames());
        }
        return max;
    }

    /**
     * Closes with {@link CloseCodes#IDLE} every open connection from which no frame came for {@code idle};
     * returns how many. Called regularly by the session layer's timer.
     */
    public int closeSilent(Duration idle) {
        long now = System.nanoTime();
        int closed = 0;
        for (Connection connection : open) {
            if (connection.silentNanos(now) > idle.toNanos() && connection.isOpen()) {
                connection.close(CloseCodes.IDLE, "no frame from the client for " + idle.toSeconds() + " s");
                closed++;
            }
        }
        return closed;
    }

    public int openCount() {
        return open.size();
    }

    public int signedInCount() {
        return signedIn.size();
    }

    @Override
    public void close() {
        shards.close();
    }
}
