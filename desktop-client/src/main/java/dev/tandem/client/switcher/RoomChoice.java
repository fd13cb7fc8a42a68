package dev.tandem.client.switcher;

/**
 * A room or DM the user is in, as the quick switcher needs it from the room list.
 *
 * @param room   the room's name ({@code design}, {@code dm:alice:bob})
 * @param title  what the room list calls it: the room's name, or for a DM the other user
 * @param dm     true for a DM
 * @param unread how many messages are unread there
 */
public record RoomChoice(String room, String title, boolean dm, int unread) {
}
