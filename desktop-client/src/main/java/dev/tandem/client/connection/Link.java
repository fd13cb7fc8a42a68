package dev.tandem.client.connection;

/** One WebSocket connection, opening or open. Called only from the connection thread. */
public interface Link {

    /** Sends one text frame (asynchronously; a failure surfaces as a close). */
    void send(String frame);

    /** Closes the link (normal closure); no more callbacks matter after this. */
    void close();
}
