package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ChatDaysTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2); // a Wednesday

    @Test
    void recentDaysHaveNamesAndOlderOnesADate() {
        assertThat(ChatDays.label(TODAY, TODAY)).isEqualTo("Today");
        assertThat(ChatDays.label(TODAY.minusDays(1), TODAY)).isEqualTo("Yesterday");
        assertThat(ChatDays.label(LocalDate.of(2026, 11, 30), TODAY)).isEqualTo("Monday 30 November");
        assertThat(ChatDays.label(LocalDate.of(2026, 1, 1), TODAY)).isEqualTo("Thursday 1 January");
    }

    @Test
    void anotherYearShowsTheYear() {
        assertThat(ChatDays.label(LocalDate.of(2025, 12, 31), TODAY)).isEqualTo("Wednesday 31 December 2025");
        // "Yesterday" wins over the year change.
        assertThat(ChatDays.label(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1))).isEqualTo("Yesterday");
        // A clock a little ahead (a day after today) still reads as a date, not as "Today".
        assertThat(ChatDays.label(TODAY.plusDays(1), TODAY)).isEqualTo("Thursday 3 December");
    }

    @Test
    void aSeparatorGoesAboveTheFirstMessageOfEachDay() {
        LocalDate monday = LocalDate.of(2026, 11, 30);
        assertThat(ChatDays.separatorBefore(null, monday, TODAY)).isEqualTo("Monday 30 November");
        assertThat(ChatDays.separatorBefore(monday, monday, TODAY)).isNull();
        assertThat(ChatDays.separatorBefore(monday, TODAY, TODAY)).isEqualTo("Today");
        assertThat(ChatDays.separatorBefore(monday, null, TODAY)).isNull();
    }

    @Test
    void theDayIsTheDayWhereTheReaderIs() {
        Instant lateUtc = Instant.parse("2026-12-01T23:30:00Z");
        assertThat(ChatDays.dayOf(lateUtc, ZoneId.of("UTC"))).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(ChatDays.dayOf(lateUtc, ZoneId.of("Europe/Berlin"))).isEqualTo(LocalDate.of(2026, 12, 2));
    }
}
