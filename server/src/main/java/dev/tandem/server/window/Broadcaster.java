package dev.tandem.server.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Sends frames to this server's signed-in windows, never blocking. All three methods go through the same
 * per-window queues, so a window gets every frame in the order of the calls that sent it (whichever method
 * sent each). The bytes are shared, read-only, by every window they go to.
 */
public interface Broadcaster {
    /** To every signed-in window. */
    void broadcast(ByteBuffer utf8);

    /** To every signed-in window: {@code frame} encoded to UTF-8 once. */
    default void broadcast(String frame) {
        broadcast(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /** To every signed-in window but {@code except}. */
    void broadcastExcept(ByteBuffer utf8, Set<? extends Window> except);

    /** To {@code windows} (signed-in windows of this server). */
    void send(ByteBuffer utf8, List<? extends Window> windows);
}
