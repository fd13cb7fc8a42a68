package dev.tandem.model;

/**
 * Stable error codes carried in {@link ServerMessage.Error#code()}. The wire form is {@link #wire()}.
 * "Recoverable" errors keep the connection open; violations count towards {@link Limits#MAX_VIOLATIONS}.
 */
public enum ErrorCode {
    /** The frame is not JSON, or not a JSON object. Violation. */
    BAD_JSON("bad_json"),
    /** The {@code type} field names no message this server knows. Violation. */
    UNKNOWN_TYPE("unknown_type"),
    /** The frame exceeds {@link Limits#MAX_FRAME_BYTES}. Violation. */
    TOO_LARGE("too_large"),
    /** A field is missing, empty, too long or malformed. Recoverable. */
    INVALID("invalid"),
    /** Too many messages per second on this connection; the message was dropped. Recoverable. */
    RATE_LIMITED("rate_limited"),
    /** A request arrived before sign-in. Violation. */
    NOT_AUTHENTICATED("not_authenticated"),
    /** A second sign-in on an already signed-in connection. Recoverable. */
    ALREADY_AUTHENTICATED("already_authenticated"),
    /** The password does not match the existing account of that name. Recoverable. */
    WRONG_PASSWORD("wrong_password"),
    /** A {@code sign_in} with {@code "create": false}, or a {@code dm.open}, names no account. Recoverable. */
    UNKNOWN_USER("unknown_user"),
    /** No such room, or a DM the user is not in (the two are answered alike, so a DM's existence never leaks). */
    UNKNOWN_ROOM("unknown_room"),
    /** The public room exists but the user is not in it (join it first). Recoverable. */
    NOT_MEMBER("not_member"),
    /** {@code room.create} names a room that exists already. Recoverable. */
    ROOM_TAKEN("room_taken"),
    /** Not allowed for this user: another user's message, leaving general or a DM. Recoverable. */
    FORBIDDEN("forbidden"),
    /** The resume token is malformed, forged or expired. The connection is closed. */
    BAD_TOKEN("bad_token"),
    /** The user signing in is not the user named in the connection URL ({@code ?user=}). */
    USER_MISMATCH("user_mismatch"),
    /** The client speaks a protocol version this server does not. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** The todo named does not exist (maybe deleted from another window), or the message is no longer kept. Recoverable. */
    NOT_FOUND("not_found"),
    /** The user already holds {@link Limits#MAX_TODOS_PER_USER} todos, or is in {@link Limits#MAX_ROOMS_PER_USER} rooms. Recoverable. */
    LIMIT_REACHED("limit_reached"),
    /** A dependency (Redis) is unavailable; the request was not carried out. Retry later. */
    UNAVAILABLE("unavailable"),
    /** An unexpected server failure; the request may not have been carried out. */
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it travels on the wire. */
    public String wire() {
        return wire;
    }

    /** True for codes that count as protocol violations. */
    public boolean isViolation() {
        return this == BAD_JSON || this == UNKNOWN_TYPE || this == TOO_LARGE || this == NOT_AUTHENTICATED;
    }
}
