package dev.tandem.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatTimesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:52:32Z");

    @Test
    void briefTimesGrowWithAge() {
        assertThat(ChatTimes.brief(Instant.parse("2026-11-25T08:05:00Z"), NOW, ZoneOffset.UTC)).isEqualTo("08:05");
        assertThat(ChatTimes.brief(Instant.parse("2026-11-23T14:05:00Z"), NOW, ZoneOffset.UTC)).isEqualTo("Mon 14:05");
        assertThat(ChatTimes.brief(Instant.parse("2026-11-03T14:05:00Z"), NOW, ZoneOffset.UTC))
                .isEqualTo("3 Nov 2026, 14:05");
    }

    @Test
    void theTooltipHasTheFullDate() {
        assertThat(ChatTimes.full(NOW, ZoneOffset.UTC)).isEqualTo("Wednesday 25 November 2026, 19:52:32");
    }
}
