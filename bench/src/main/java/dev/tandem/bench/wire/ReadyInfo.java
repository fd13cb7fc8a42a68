package dev.tandem.bench.wire;

/** What a sign-in reply told a client; filled by a {@link ChatWire} on {@link Inbound#READY}. */
public final class ReadyInfo {
    /** The server that accepted the client (or null when the protocol does not say). */
    public String serverId;
    /** The per-connection message rate limit the server announced, or -1 when the protocol has none. */
    public int messagesPerSecond = -1;
    /** The ids of the todos the user already had when signing in (Tandem's welcome; empty otherwise). */
    public java.util.List<String> todoIds = java.util.List.of();
}
