package dev.tandem.server.presence;

import dev.tandem.server.window.Window;

/** A window for unit tests of the presence logic: it has an id and takes frames nowhere. */
record TestWindow(String id) implements Window {
    @Override
    public void send(String frame) {
    }

    @Override
    public void close(int code, String reason) {
    }
}
