package dev.tandem.server.relay;

import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;

/**
 * The errors the room scripts answer with, as the client sees them. {@code unknown_room} has one text for a
 * room that does not exist and a DM of others alike (it names only what the client sent), so no answer tells
 * a third user that a DM exists.
 */
public final class Refusal {
    private Refusal() {
    }

    /** The error for a script's refusal {@code code} (a wire code) about {@code room}. */
    public static ProtocolException of(String code, String room, String ref) {
        switch (code) {
            case "unknown_room":
                return new ProtocolException(ErrorCode.UNKNOWN_ROOM, "no such room: " + room, ref);
            case "not_member":
                return new ProtocolException(ErrorCode.NOT_MEMBER, "you are not in " + room + "; join it first", ref);
            case "room_taken":
                return new ProtocolException(ErrorCode.ROOM_TAKEN, "a room named " + room + " exists already", ref);
            case "limit_reached":
                return new ProtocolException(ErrorCode.LIMIT_REACHED, "you are in " + Limits.MAX_ROOMS_PER_USER
                        + " rooms already, the most a user may be in; leave one first", ref);
            case "rate_limited":
                return new ProtocolException(ErrorCode.RATE_LIMITED, "typing in " + room + " is relayed at most every "
                        + Limits.TYPING_MIN_GAP.toMillis() + " ms; this one was dropped", ref);
            default:
                return new ProtocolException(ErrorCode.INTERNAL, "unexpected answer from the room store: " + code, ref);
        }
    }
}
