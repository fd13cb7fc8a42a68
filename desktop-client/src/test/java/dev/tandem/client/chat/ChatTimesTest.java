package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatTimesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:52:32Z");

    @Test
    void besideAMessageOnlyTheTimeOfDay() {
        assertThat(ChatTimes.time(Instant.parse("2026-11-03T08:05:00Z"), ZoneOffset.UTC)).isEqualTo("08:05");
        assertThat(ChatTimes.time(NOW, ZoneId.of("Europe/Berlin"))).isEqualTo("20:52");
    }

    @Test
    void theTooltipHasTheFullDate() {
        assertThat(ChatTimes.full(NOW, ZoneOffset.UTC)).isEqualTo("Wednesday 25 November 2026, 19:52:32");
    }
}
