package dev.tandem.server.ws;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This server's open connections, and the signed-in ones a chat broadcast goes to. Concurrent sets:
 * connections are registered on session threads, admitted on the chat delivery thread (at sign-in),
 * removed on any session thread (at close), and iterated by the chat delivery thread.
 */
public final class ConnectionHub {
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Connection> signedIn = ConcurrentHashMap.newKeySet();

    void register(Connection connection) {
        open.add(connection);
    }

    /** From now on the connection receives chat broadcasts. */
    public void admit(Connection connection) {
        if (open.contains(connection)) {
            signedIn.add(connection);
        }
    }

    void remove(Connection connection) {
        open.remove(connection);
        signedIn.remove(connection);
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

    /** Writes one already-encoded frame to every signed-in connection. */
    public void broadcast(String frame) {
        for (Connection connection : signedIn) {
            connection.send(frame);
        }
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
}
