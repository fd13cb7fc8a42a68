package dev.tandem.server.ws;

import dev.tandem.model.AffinityUser;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Codec;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.window.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * delivery thread, other users' message threads for todo pushes — and never blocks: it appends the frame to
 * the connection's {@link Outbox}, and the connection's {@link WriteShard} hands it to Jetty in its turn
 * ({@link #writeTurn}, on the shard's thread only). A client that lets more than {@code maxPendingBytes} bytes
 * of frames pile up (waiting in the outbox or unwritten in Jetty) is too slow to keep up; it is closed so it cannot
 * hold up anyone else, and will resync on reconnect.
 * <p>Every frame, whichever method sent it, goes through the one outbox, so frames keep the order of the
 * calls that sent them, and a close goes out after them.
 */
public final class Connection implements Window {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final Session session;
    private final String id;
    private final String affinityUser;
    private final long maxPendingBytes;
    /** The client's address (the trusted proxy's {@code X-Forwarded-For}, else the peer): a limits key. */
    private final String clientAddress;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Jetty's protocol-level session, which can send a text frame from bytes already encoded. */
    private final CoreSession core;
    /** The fairness key: all windows of one user share a shard and a lane in it. */
    private final String lane;
    private final WriteShard shard;
    private final Outbox outbox;
    /** The close asked for by {@link #close}; read by the shard when it is due. */
    private volatile int closeCode;
    private volatile String closeReason;

    // Written by the session's message thread; read by timers, shard and close threads too.
    private volatile String user;
    /** A sign-in is being checked (the password hash can take seconds under load). */
    private volatile boolean authenticating;
    // Owned by the session's message thread.
    private int violations;
    private int failedSignIns;
    private final RateLimiter limiter;
    private final ConnectionHub hub;
    /** When the client last sent a frame (session thread writes, the idle sweep reads). */
    private volatile long lastHeardNanos = System.nanoTime();

    /**
     * A new connection of {@code hub}'s on the just-opened {@code session}, named {@code id}, upgraded from a URL
     * with {@code queryString}: at most {@code maxPendingBytes} bytes of unwritten frames, {@code perSecond}
     * messages (burst {@code burst}), from {@code clientAddress}.
     */
    public Connection(Session session, String id, String queryString, ConnectionHub hub, long maxPendingBytes,
                      int perSecond, int burst, String clientAddress) {
        this.clientAddress = clientAddress;
        this.session = session;
        this.core = ((WebSocketSession) session).getCoreSession();
        this.id = id;
        // The same parser as the proxy's, so both read one URL as one user (the upgrade check required it).
        this.affinityUser = AffinityUser.fromQuery(queryString).orElse(null);
        this.maxPendingBytes = maxPendingBytes;
        this.limiter = new RateLimiter(perSecond, burst, System.nanoTime());
        // A sign-in must match the URL's user, so this is the user of every frame the window will get.
        this.lane = affinityUser != null ? affinityUser : "connection:" + id;
        this.shard = hub.shardFor(lane);
        this.outbox = new Outbox(maxPendingBytes);
        this.hub = hub;
    }

    /** Session thread: a frame came from the client (of any kind, a refused one too). */
    public void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    /** How long the client has sent nothing, as of {@code nowNanos}. */
    long silentNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    /** Queues one text frame; never blocks. Closes the connection if its queue is full. */
    @Override
    public void send(String frame) {
        queue(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Queues one text frame from its UTF-8 bytes, encoded once for a whole broadcast; never blocks. Each
     * connection writes its own slice of the shared buffer, so the bytes are neither copied nor changed.
     */
    @Override
    public void sendUtf8(ByteBuffer sharedUtf8) {
        queue(sharedUtf8);
    }

    private void queue(ByteBuffer utf8) {
        switch (outbox.offer(utf8)) {
            case WAKE -> shard.wake(this);
            case FULL -> drop();
            case QUEUED, CLOSED -> { }
        }
    }

    /** Shard thread: hands the next frames to Jetty, written as one; then the close, once it is due. */
    void writeTurn(ByteBuffer[] turn) {
        int n = outbox.take(turn);
        hub.wrote(n);
        for (int i = 0; i < n; i++) {
            // All but the last are batched: Jetty gathers them and writes them with the last.
            int bytes = turn[i].remaining();
            core.sendFrame(new Frame(OpCode.TEXT, true, turn[i].slice()),
                    org.eclipse.jetty.util.Callback.from(() -> frameWritten(bytes), e -> frameFailed(bytes, e)),
                    i < n - 1);
            turn[i] = null;
        }
        if (outbox.closeDue()) {
            session.close(closeCode, closeReason, Callback.NOOP);
        }
    }

    /** Shard thread, after a turn: true if the connection has more to write now. */
    boolean stillReady() {
        return outbox.stillReady();
    }

    WriteShard shard() {
        return shard;
    }

    /** The fairness key (the user of the connection URL): one lane per user on a shard. */
    String lane() {
        return lane;
    }

    /** The connection has closed: what still waits for it is let go. */
    void closed() {
        closing.set(true);
        outbox.discard();
    }

    public void send(ServerMessage message) {
        send(Codec.get().encode(message));
    }

    public void sendError(ErrorCode code, String message, String ref) {
        send(new ServerMessage.Error(code.wire(), message, ref));
    }

    /** {@code rate_limited}, with how long to wait before the request would be accepted. */
    public void sendRateLimited(String message, String ref, long retryAfterMs) {
        send(new ServerMessage.Error(ErrorCode.RATE_LIMITED.wire(), message, ref, retryAfterMs));
    }

    /** The client's address, as the trusted proxy told it (else the TCP peer's). */
    public String clientAddress() {
        return clientAddress;
    }

    /** Closes once with {@code code}; later calls do nothing. Frames queued before it are still written. */
    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            closeCode = code;
            closeReason = reason;
            if (outbox.closeAfterQueued() == Outbox.Offer.WAKE) {
                shard.wake(this);
            }
        }
    }

    /**
     * Drops a client that cannot keep up. A close frame would wait behind the frames it is not reading,
     * so the close code is queued for clients that are merely slow and the TCP connection is cut at once.
     */
    private void drop() {
        if (closing.compareAndSet(false, true)) {
            LOG.warn("user={} connection={} too slow: {} bytes pending, limit {}, dropping it", user, id,
                    outbox.pendingBytes(), maxPendingBytes);
            hub.cutSlow();
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
        return outbox.pending();
    }

    /** Bytes queued but not yet written (for the metrics). */
    public long pendingBytes() {
        return outbox.pendingBytes();
    }

    private void frameWritten(int bytes) {
        if (outbox.done(bytes)) {
            shard.wake(this);
        }
    }

    private void frameFailed(int bytes, Throwable cause) {
        frameWritten(bytes);
        LOG.debug("user={} connection={} write failed: {}", user, id, cause.toString());
    }
}
