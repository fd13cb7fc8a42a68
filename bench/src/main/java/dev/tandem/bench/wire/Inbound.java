package dev.tandem.bench.wire;

/** What a received frame is, as far as a scenario cares. */
public enum Inbound {
    /** The sign-in finished: the connection is a signed-in chat client now. */
    READY,
    /** A chat message delivered to this client. */
    CHAT,
    /** A change to (or a snapshot of) the user's todo list: {@code todo.changed} or {@code todo.list}. */
    TODO,
    /** An error reply from the server (a scenario counts these). */
    ERROR,
    /** Anything else (pongs, protocol chatter already answered by the wire). */
    OTHER
}
