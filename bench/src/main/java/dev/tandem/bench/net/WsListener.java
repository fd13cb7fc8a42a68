package dev.tandem.bench.net;

import io.netty.buffer.ByteBuf;

/**
 * Callbacks of one WebSocket connection. Every callback runs on the connection's event loop, one at a
 * time, so a listener may keep per-connection state in plain fields.
 */
public interface WsListener {

    /** The WebSocket handshake completed; the connection can send. */
    void onOpen(WsConnection connection);

    /**
     * One complete text message. The buffer is valid only during the call (it is released afterwards), so
     * copy what you keep.
     */
    void onText(WsConnection connection, ByteBuf utf8);

    /**
     * The connection is gone: after a close frame (code and reason from the peer, or -1 if there was none),
     * a failed handshake, or a transport error ({@code cause} non-null). Called exactly once per connect
     * attempt, including attempts that never opened.
     */
    void onClosed(WsConnection connection, int code, String reason, Throwable cause);
}
