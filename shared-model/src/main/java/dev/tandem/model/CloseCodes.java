package dev.tandem.model;

/**
 * WebSocket close codes the server uses, with the meaning a client should act on. docs/PROTOCOL.md's "Close
 * codes" table is the full statement (which frames get each code); keep the two saying the same.
 */
public final class CloseCodes {
    /** Normal closure: the client asked to leave. */
    public static final int NORMAL = 1000;
    /** The server is shutting down: reconnect (through the proxy you land on a live server). */
    public static final int GOING_AWAY = 1001;
    /**
     * A WebSocket protocol error below the JSON protocol, sent by the transport itself: an unmasked client
     * frame, a reserved opcode, RSV bits set (no extension is negotiated), a broken fragment sequence, a
     * control frame fragmented or over 125 bytes, a close frame of one byte or with a code a peer may not send.
     * Fix the client's WebSocket library use; do not retry as is.
     */
    public static final int PROTOCOL_ERROR = 1002;
    /** A text frame that is not valid UTF-8, sent by the transport itself. Do not resend the same bytes. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Repeated protocol violations, a failed or missing sign-in: do not retry blindly. */
    public static final int POLICY_VIOLATION = 1008;
    /**
     * A message (one frame, or a fragmented message in all) over the transport limit of 1 MiB, far above
     * {@link Limits#MAX_FRAME_BYTES}: between the two a frame is answered {@code too_large} and the connection stays.
     */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** An unexpected server error. Reconnect with backoff. */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * The client did not read fast enough: the frames queued for it and not yet written would pass the
     * server's byte bound (8 MiB by default). The TCP connection is cut at once (the close frame would wait
     * behind what the client is not reading), so a client may see only the drop. Reconnect and resync.
     */
    public static final int SLOW_CONSUMER = 4000;
    /** The client did not sign in within {@link Limits#SIGN_IN_TIMEOUT}. */
    public static final int SIGN_IN_TIMEOUT = 4001;
    /**
     * No frame came from the client for {@link Limits#IDLE_TIMEOUT} (it pings every {@link Limits#PING_INTERVAL}
     * while idle): the connection is presumed dead. Reconnect (and resume).
     */
    public static final int IDLE = 4002;
    /** The resume token is invalid or expired: sign in with a password again. */
    public static final int AUTH_FAILED = 4003;
    /**
     * Another server has taken over this user's todo list (its lease moved): nothing acknowledged is lost.
     * Reconnect at once through the proxy, which routes to the new owner, and resume.
     */
    public static final int MOVED = 4009;

    private CloseCodes() {
    }
}
