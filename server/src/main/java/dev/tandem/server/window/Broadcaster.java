package dev.tandem.server.window;

/** Sends one frame to every signed-in window on this server, in the order of calls; never blocks. */
@FunctionalInterface
public interface Broadcaster {
    void broadcast(String frame);
}
