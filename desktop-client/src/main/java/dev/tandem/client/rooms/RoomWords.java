package dev.tandem.client.rooms;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.Limits;

/** What the room list says when a request about rooms is refused (by the server's code) or cannot go. Pure functions. */
final class RoomWords {
    static final String NAME_RULES = "A room name is 1 to 32 lower-case letters, digits, - and _, starting with a"
            + " letter or digit.";

    /** The kinds of request, for the wording of their refusals. */
    enum Request { CREATE, JOIN, LEAVE, DM, LIST }

    private RoomWords() {
    }

    /**
     * @param code    the server's error code, or null when the request could not be sent
     * @param reason  the server's message, or why it could not be sent
     * @param subject the room or user the request was about
     */
    static String refused(Request request, String code, String reason, String subject) {
        if (code == null) {
            return Connection.OFFLINE.equals(reason) ? "You are offline: try again when connected." : "Not sent: " + reason;
        }
        return switch (code) {
            case "room_taken" -> "There is already a room called “" + subject + "”: join it from Browse rooms.";
            case "limit_reached" -> "You are in " + Limits.MAX_ROOMS_PER_USER
                    + " rooms, the most anyone can be in: leave one first.";
            case "invalid" -> request == Request.DM ? "That is you: choose someone else." : NAME_RULES;
            case "unknown_room" -> "There is no room called “" + subject + "”.";
            case "unknown_user" -> "There is no user called “" + subject + "”.";
            case "not_member" -> "You are not in “" + subject + "”.";
            case "forbidden" -> "General and direct messages cannot be left.";
            case "rate_limited", "unavailable", "internal" -> "The server could not do that right now: try again.";
            default -> reason == null || reason.isBlank() ? "Refused (" + code + ")." : reason;
        };
    }
}
