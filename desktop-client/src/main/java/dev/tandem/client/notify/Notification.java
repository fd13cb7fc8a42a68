package dev.tandem.client.notify;

/**
 * What a desktop notification shows, as plain text (nothing in it is interpreted), and the room a click opens.
 *
 * @param room    the room or DM it is about
 * @param title   the room's name ("#design") or, for a DM, the other user
 * @param author  who wrote the message
 * @param excerpt the message's first {@link #EXCERPT} characters, on one line, "…" when cut
 * @param dm      true for a direct message
 */
public record Notification(String room, String title, String author, String excerpt, boolean dm) {
    /** How much of a message a notification shows. */
    public static final int EXCERPT = 100;

    /** The first {@link #EXCERPT} characters of {@code text}, line breaks and runs of spaces made one space. */
    public static String excerpt(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int end = EXCERPT;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--; // never half a character
        }
        return flat.substring(0, end).stripTrailing() + "…";
    }
}
