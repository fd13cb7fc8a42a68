package dev.tandem.client.chat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where a line goes in the chat and whether it starts a group: confirmed messages by server id, the "new
 * messages" divider and a gap right after the message they follow (the divider first), then our
 * unconfirmed messages in the order they were written; a message continues its predecessor's group (no
 * header) when both are by one author, on one day, within {@link #GROUP_WINDOW}. Pure functions.
 */
final class ChatOrder {
    /** Messages of one author closer together than this are grouped under one header. */
    static final Duration GROUP_WINDOW = Duration.ofMinutes(5);

    private ChatOrder() {
    }

    static boolean sortsBefore(ChatEntry a, ChatEntry b) {
        boolean placed = isPlaced(a);
        if (placed != isPlaced(b)) {
            return placed;
        }
        if (!placed) {
            return ((ChatEntry.Message) a).sequence() < ((ChatEntry.Message) b).sequence();
        }
        long position = position(a);
        long otherPosition = position(b);
        if (position != otherPosition) {
            return position < otherPosition;
        }
        return rank(a) < rank(b); // message n, then the divider after it, then the gap after it
    }

    /** True when the line has its place in the server's order: a confirmed message, a divider or a gap. */
    static boolean isPlaced(ChatEntry entry) {
        return !(entry instanceof ChatEntry.Message message) || message.id() > 0;
    }

    /** True when {@code entry} continues {@code previous}'s group; a gap or divider on either side starts a new one. */
    static boolean continues(ChatEntry previous, ChatEntry entry, ZoneId zone) {
        if (!(previous instanceof ChatEntry.Message before) || !(entry instanceof ChatEntry.Message message)) {
            return false;
        }
        if (!before.author().equals(message.author())) {
            return false;
        }
        Instant a = before.sentAt();
        Instant b = message.sentAt();
        if (a == null || b == null) {
            return false;
        }
        boolean sameDay = a.atZone(zone).toLocalDate().equals(b.atZone(zone).toLocalDate());
        return sameDay && Duration.between(a, b).abs().compareTo(GROUP_WINDOW) <= 0;
    }

    private static long position(ChatEntry entry) {
        if (entry instanceof ChatEntry.Gap gap) {
            return gap.afterId();
        }
        if (entry instanceof ChatEntry.Divider divider) {
            return divider.afterId();
        }
        return ((ChatEntry.Message) entry).id();
    }

    private static int rank(ChatEntry entry) {
        return entry instanceof ChatEntry.Message ? 0 : entry instanceof ChatEntry.Divider ? 1 : 2;
    }
}
