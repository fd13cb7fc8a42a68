package dev.tandem.model;

/** Protocol identity. The version travels in the sign-in request and in the welcome reply. */
public final class Protocol {
    /** The one protocol version this code speaks. */
    public static final int VERSION = 1;
    /** The WebSocket endpoint path on app servers (and through the proxy). */
    public static final String WS_PATH = "/ws";
    /** The query parameter naming the user on the connection URL: the proxy's affinity key. */
    public static final String USER_PARAM = "user";
    /** The Redis pub/sub channel all servers relay chat through. */
    public static final String CHAT_CHANNEL = "chat_channel";

    private Protocol() {
    }
}
