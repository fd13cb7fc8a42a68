package dev.tandem.client.switcher;

/**
 * One line the quick switcher offers.
 *
 * @param kind   a room, a DM, or someone online to start a DM with
 * @param target the room to open ({@link Kind#ROOM}, {@link Kind#DM}) or the user to message ({@link Kind#PERSON})
 * @param title  what the line says: the room's name, or the other user
 * @param unread messages unread there (0 for a person)
 * @param online for a DM or a person, whether they are online; false for a room
 */
public record Choice(Kind kind, String target, String title, int unread, boolean online) {

    /** What choosing it does: open a room, open a DM, or start one. */
    public enum Kind { ROOM, DM, PERSON }

    /** The line's second part: "room", "direct message", "online · start a direct message". */
    public String detail() {
        return switch (kind) {
            case ROOM -> "room";
            case DM -> online ? "direct message · online" : "direct message";
            case PERSON -> "online · start a direct message";
        };
    }
}
