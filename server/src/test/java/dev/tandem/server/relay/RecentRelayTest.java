package dev.tandem.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRelayTest {
    private static Envelope at(long seq) {
        return new Envelope(seq, Envelope.Kind.MESSAGE, "general", "ann", seq, "{}", null);
    }

    @Test
    void sinceGivesWhatCameAfterASequenceOnlyWhileAllOfItIsHeld() {
        RecentRelay recent = new RecentRelay(3);
        recent.startAt(10);
        assertThat(recent.since(10)).isEmpty();
        assertThat(recent.since(9)).as("before the start: never held").isNull();
        for (long seq = 11; seq <= 14; seq++) {
            recent.add(at(seq));
        }
        assertThat(recent.since(12)).extracting(Envelope::seq).containsExactly(13L, 14L);
        assertThat(recent.since(11)).extracting(Envelope::seq).containsExactly(12L, 13L, 14L);
        assertThat(recent.since(10)).as("11 was forgotten").isNull();
        assertThat(recent.since(14)).isEmpty();
        assertThat(recent.all()).extracting(Envelope::seq).containsExactly(12L, 13L, 14L);
    }
}
