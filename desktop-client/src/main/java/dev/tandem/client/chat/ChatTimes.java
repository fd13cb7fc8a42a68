package dev.tandem.client.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How message times read: short beside the message, the full date in its tooltip. */
public final class ChatTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss", Locale.ENGLISH);

    private ChatTimes() {
    }

    /** "14:05" today, "Mon 14:05" within the last week, "3 Nov 2026, 14:05" before that. */
    public static String brief(Instant time, Instant now, ZoneId zone) {
        ZonedDateTime at = time.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        long daysAgo = ChronoUnit.DAYS.between(at.toLocalDate(), today);
        if (daysAgo == 0) {
            return TIME.format(at);
        }
        if (daysAgo > 0 && daysAgo < 7) {
            return WEEKDAY_TIME.format(at);
        }
        return DATE_TIME.format(at);
    }

    /** "Wednesday 25 November 2026, 19:52:32". */
    public static String full(Instant time, ZoneId zone) {
        return FULL.format(time.atZone(zone));
    }
}
