package dev.tandem.server.ws;

import dev.tandem.model.AffinityUser;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.window.Window;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket.
 * <p>Threads: the sign-in state ({@link #user}, counters) is touched only by the session's message thread
 * (Jetty delivers one frame at a time per session). {@link #send} may be called from any thread — the chat
 * delivery thread, other users' message threads for todo pushes — and never blocks: it queues the frame in
 * Jetty and counts it until written. A client that lets more than {@code maxPending} frames pile up is
 * too slow to keep up; it is closed so it cannot hold up anyone else, and will resync on reconnect.
 * <p>Both send paths end in the same Jetty frame queue, so frames keep the order of the calls that sent them.
 */
public final class Connection implements Window {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final Session session;
    private final String id;
    private final String affinityUser;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Callback written = Callback.from(this::frameWritten, this::frameFailed);
    /** Jetty's protocol-level session, which can send a text frame from bytes already encoded. */
    private final CoreSession core;
    private final org.eclipse.jetty.util.Callback coreWritten =
            org.eclipse.jetty.util.Callback.from(this::frameWritten, this::frameFailed);

    // Written by the session's message thread; read by timers, shard and close threads too.
    private volatile String user;
    /** A sign-in is being checked (the password hash can take seconds under load). */
    private volatile boolean authenticating;
    // Owned by the session's message thread.
    private int violations;
    private int failedSignIns;
    private final RateLimiter limiter;

    /** A new connection: at most {@code maxPending} unwritten frames, {@code perSecond} messages (burst {@code burst}). */
    public Connection(WsContext ctx, int maxPending, int perSecond, int burst) {
        this.session = ctx.session;
        this.core = ((WebSocketSession) ctx.session).getCoreSession();
        this.id = ctx.sessionId();
        // The same parser as the proxy's, so both read one URL as one user (the upgrade check required it).
        this.affinityUser = AffinityUser.fromQuery(ctx.queryString()).orElse(null);
        this.maxPending = maxPending;
        this.limiter = new RateLimiter(perSecond, burst, System.nanoTime());
    }

    /** Queues one text frame; never blocks. Closes the connection if its queue is full. */
    @Override
    public void send(String frame) {
        if (reserve()) {
            session.sendText(frame, written);
        }
    }

    /**
     * Queues one text frame from its UTF-8 bytes, encoded once for a whole broadcast; never blocks. Each
     * connection writes its own slice of the shared buffer, so the bytes are neither copied nor changed.
     */
    @Override
    public void sendUtf8(ByteBuffer sharedUtf8) {
        if (reserve()) {
            core.sendFrame(new Frame(OpCode.TEXT, true, sharedUtf8.slice()), coreWritten, false);
        }
    }

    /** Counts one more queued frame; false (and the connection dropped) if that is more than it may hold. */
    private boolean reserve() {
        if (closing.get()) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            drop();
            return false;
        }
        return true;
    }

    public void send(ServerMessage message) {
        send(Codec.get().encode(message));
    }

    public void sendError(ErrorCode code, String message, String ref) {
        send(new ServerMessage.Error(code.wire(), message, ref));
    }

    /** Closes once with {@code code}; later calls do nothing. Frames queued before it are still written. */
    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /**
     * Drops a client that cannot keep up. A close frame would wait behind the frames it is not reading,
     * so the close code is queued for clients that are merely slow and the TCP connection is cut at once.
     */
    private void drop() {
        if (closing.compareAndSet(false, true)) {
            LOG.warn("user={} connection={} too slow: {} frames queued, dropping it", user, id, maxPending);
            session.close(CloseCodes.SLOW_CONSUMER, "too slow to keep up", Callback.NOOP);
            session.disconnect();
        }
    }

    public boolean isOpen() {
        return !closing.get() && session.isOpen();
    }

    /** The signed-in user, or null before sign-in. */
    public String user() {
        return user;
    }

    /** Session thread: takes a token from the connection's rate limit; false when over it. */
    public boolean withinRate(long nowNanos) {
        return limiter.tryAcquire(nowNanos);
    }

    public void signedIn(String name) {
        this.user = name;
    }

    public boolean isAuthenticating() {
        return authenticating;
    }

    public void authenticating(boolean inProgress) {
        this.authenticating = inProgress;
    }

    /** The user named in the connection URL (the proxy's affinity key), or null. */
    public String affinityUser() {
        return affinityUser;
    }

    /** Counts a protocol violation; returns the new count. */
    public int violation() {
        return ++violations;
    }

    public int failedSignIn() {
        return ++failedSignIns;
    }

    @Override
    public String id() {
        return id;
    }

    /** Frames queued but not yet written (for tests and status). */
    public int pendingFrames() {
        return pending.get();
    }

    private void frameWritten() {
        pending.decrementAndGet();
    }

    private void frameFailed(Throwable cause) {
        pending.decrementAndGet();
        LOG.debug("user={} connection={} write failed: {}", user, id, cause.toString());
    }
}
