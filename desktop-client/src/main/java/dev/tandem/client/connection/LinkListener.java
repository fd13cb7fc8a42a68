package dev.tandem.client.connection;

/** What a {@link Link} reports. Called on transport threads: implementations hand over to their own thread. */
public interface LinkListener {

    /** The WebSocket handshake completed. */
    void opened();

    /** One text frame arrived. */
    void text(String frame);

    /** The open link closed, with the WebSocket close code and reason. */
    void closed(int code, String reason);

    /** The link never opened (refused, unreachable, handshake rejected or timed out). */
    void failed(String reason);

    /**
     * The link never opened because the server's TLS certificate was refused: not signed by a trusted CA, or
     * issued for another host. Retrying cannot help, unlike {@link #failed}; transports that cannot tell say
     * {@link #failed}.
     */
    default void untrusted(String reason) {
        failed(reason);
    }
}
