package dev.tandem.client.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The day separators of the chat: which day a message belongs to, and how that day reads ("Today",
 * "Yesterday", "Monday 30 November", with the year when it is not this year). No toolkit: plain
 * {@code java.time}, tested on its own.
 */
public final class ChatDays {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private ChatDays() {
    }

    /** The calendar day of {@code time} in {@code zone}. */
    public static LocalDate dayOf(Instant time, ZoneId zone) {
        return time.atZone(zone).toLocalDate();
    }

    /** How {@code day} reads on a separator when it is {@code today}. */
    public static String label(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return (day.getYear() == today.getYear() ? THIS_YEAR : OTHER_YEAR).format(day);
    }

    /**
     * The separator to show above a message sent on {@code day}, or null when none belongs there: the
     * message before it ({@code previousDay}, null at the top of the list or after a gap) is of the same day.
     */
    public static String separatorBefore(LocalDate previousDay, LocalDate day, LocalDate today) {
        if (day == null || day.equals(previousDay)) {
            return null;
        }
        return label(day, today);
    }
}
