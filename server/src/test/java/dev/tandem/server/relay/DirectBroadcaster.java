package dev.tandem.server.relay;

import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers at once, to the windows given, and for a broadcast to every window it knows. */
final class DirectBroadcaster implements Broadcaster {
    final List<RecordingWindow> everyone = new CopyOnWriteArrayList<>();

    @Override
    public void broadcast(ByteBuffer utf8) {
        everyone.forEach(w -> w.sendUtf8(utf8));
    }

    @Override
    public void broadcastExcept(ByteBuffer utf8, Set<? extends Window> except) {
        everyone.stream().filter(w -> !except.contains(w)).forEach(w -> w.sendUtf8(utf8));
    }

    @Override
    public void send(ByteBuffer utf8, List<? extends Window> windows) {
        windows.forEach(w -> w.sendUtf8(utf8));
    }
}
