package dev.tandem.client.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How message times read: the time of day beside the message (the day separator above says which day), the
 * full date in its tooltip.
 */
public final class ChatTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss", Locale.ENGLISH);

    private ChatTimes() {
    }

    /** "14:05". */
    public static String time(Instant time, ZoneId zone) {
        return TIME.format(time.atZone(zone));
    }

    /** "Wednesday 25 November 2026, 19:52:32". */
    public static String full(Instant time, ZoneId zone) {
        return FULL.format(time.atZone(zone));
    }
}
