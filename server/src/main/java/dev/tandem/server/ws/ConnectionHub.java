package dev.tandem.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This server's open connections, and the signed-in ones a chat broadcast goes to. Concurrent sets:
 * connections are registered on session threads, admitted on the chat delivery thread (at sign-in) and
 * removed on any session thread (at close). Broadcasts are written by {@link BroadcastShards}, whose
 * threads keep their own member lists in step with admissions and removals.
 */
public final class ConnectionHub implements AutoCloseable {
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Connection> signedIn = ConcurrentHashMap.newKeySet();
    private final BroadcastShards shards = BroadcastShards.perCore();

    void register(Connection connection) {
        open.add(connection);
    }

    /** The connection receives every chat broadcast made after this call, none made before it. */
    public void admit(Connection connection) {
        if (open.contains(connection) && signedIn.add(connection)) {
            shards.join(connection);
        }
    }

    void remove(Connection connection) {
        open.remove(connection);
        if (signedIn.remove(connection)) {
            shards.leave(connection);
        }
        synchronized (this) {
            notifyAll();
        }
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

    /**
     * Queues one frame to every signed-in connection, in the order of calls. The frame is encoded to UTF-8
     * once here; every connection writes those same bytes.
     */
    public void broadcast(String frame) {
        shards.broadcast(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    }

    /** Closes every open connection with {@code code} (shutdown: 1001, going away). */
    public void closeAll(int code, String reason) {
        for (Connection connection : open) {
            connection.close(code, reason);
        }
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
