package dev.tandem.server.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One client window as the features (chat, rooms, todos) see it: somewhere to send frames, and something to
 * close. The WebSocket layer implements it; features never see Jetty. Implementations never block and may be
 * called from any thread.
 */
public interface Window {
    /** A short id for logs. */
    String id();

    /** Queues one text frame (JSON); never blocks. */
    void send(String frame);

    /**
     * Queues one text frame from UTF-8 bytes encoded once and shared by every window it goes to: they are
     * not changed (a WebSocket connection writes them without a copy; this default decodes them). Never blocks.
     */
    default void sendUtf8(ByteBuffer sharedUtf8) {
        send(StandardCharsets.UTF_8.decode(sharedUtf8.slice()).toString());
    }

    /** Closes the window once with a WebSocket close code; later calls do nothing. */
    void close(int code, String reason);
}
