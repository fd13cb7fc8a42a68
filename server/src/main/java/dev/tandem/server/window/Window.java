package dev.tandem.server.window;

/**
 * One client window as the features (chat, todos) see it: somewhere to send frames, and something to close.
 * The WebSocket layer implements it; features never see Jetty. Implementations never block and may be
 * called from any thread.
 */
public interface Window {
    /** A short id for logs. */
    String id();

    /** Queues one text frame (JSON); never blocks. */
    void send(String frame);

    /** Closes the window once with a WebSocket close code; later calls do nothing. */
    void close(int code, String reason);
}
