package dev.tandem.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeTextTest {
    private final ProbeText probes = new ProbeText("run1");

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void madeTextHasTheRequestedSizeAndSurvivesJsonEncoding() {
        String text = probes.make(3, 12345, 987654321012L, 100);
        assertThat(text).hasSize(100);
        String frame = Codec.get().encode(new ChatMessage(7, "bench-0001", text, Instant.EPOCH, "b3-12345", "s1"));

        ProbeText.Probe p = new ProbeText.Probe();
        assertThat(probes.find(utf8(frame), p)).isTrue();
        assertThat(p.sender).isEqualTo(3);
        assertThat(p.seq).isEqualTo(12345);
        assertThat(p.sentNanos).isEqualTo(987654321012L);
    }

    @Test
    void aProbeOfAnotherRunIsIgnored() {
        String other = new ProbeText("run2").make(0, 1, 2, 60);
        assertThat(probes.find(utf8("{\"text\":\"" + other + "\"}"), new ProbeText.Probe())).isFalse();
    }

    @Test
    void truncatedOrForeignTextIsNotAProbe() {
        ProbeText.Probe p = new ProbeText.Probe();
        assertThat(probes.find(utf8("hello ~ world ~tb~run"), p)).isFalse();
        assertThat(probes.find(utf8("~tb~run1~1~2~"), p)).isFalse();
        assertThat(probes.find(utf8("~tb~run1~1~x~3~"), p)).isFalse();
    }

    @Test
    void aFalseStartBeforeTheProbeIsSkipped() {
        ProbeText.Probe p = new ProbeText.Probe();
        assertThat(probes.find(utf8("~~t~tb~run1~2~5~77~xxxx"), p)).isTrue();
        assertThat(p.seq).isEqualTo(5);
    }

    @Test
    void runIdsAreRestrictedToCharactersNoEncoderEscapes() {
        assertThatThrownBy(() -> new ProbeText("A\"b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run id");
    }
}
