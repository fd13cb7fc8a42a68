package dev.tandem.server.relay;

import dev.tandem.server.window.Window;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A window that keeps what it is sent (thread-safe: tests read what the delivery thread sent). */
final class RecordingWindow implements Window {
    final List<String> frames = new CopyOnWriteArrayList<>();
    private final String id;

    RecordingWindow(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(String frame) {
        frames.add(frame);
    }

    @Override
    public void close(int code, String reason) {
    }
}
