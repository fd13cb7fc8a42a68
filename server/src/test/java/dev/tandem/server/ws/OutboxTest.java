package dev.tandem.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The outbox's limit counts bytes, waiting and in Jetty alike, whatever the frames are. */
class OutboxTest {
    private static ByteBuffer frame(int bytes) {
        return ByteBuffer.wrap(new byte[bytes]).asReadOnlyBuffer();
    }

    @Test
    void aFrameThatWouldPassTheLimitCutsTheWindowAndFreesWhatWaits() {
        Outbox outbox = new Outbox(1000);
        assertThat(outbox.offer(frame(600))).isEqualTo(Outbox.Offer.WAKE);
        assertThat(outbox.offer(frame(400))).isEqualTo(Outbox.Offer.QUEUED);
        assertThat(outbox.pendingBytes()).isEqualTo(1000);
        assertThat(outbox.offer(frame(1))).isEqualTo(Outbox.Offer.FULL);
        assertThat(outbox.pendingBytes()).as("nothing waits once cut").isZero();
        assertThat(outbox.offer(frame(1))).isEqualTo(Outbox.Offer.CLOSED);
    }

    @Test
    void bytesInJettyCountUntilJettyIsDoneWithThem() {
        Outbox outbox = new Outbox(1000);
        outbox.offer(frame(700));
        ByteBuffer[] turn = new ByteBuffer[16];
        assertThat(outbox.take(turn)).isEqualTo(1);
        assertThat(outbox.pendingBytes()).as("handed to Jetty, not yet written").isEqualTo(700);
        assertThat(outbox.offer(frame(300))).isNotEqualTo(Outbox.Offer.FULL);
        outbox.done(700);
        assertThat(outbox.pendingBytes()).isEqualTo(300);
        assertThat(outbox.offer(frame(700))).as("room again once written").isNotEqualTo(Outbox.Offer.FULL);
    }

    @Test
    void aFrameLargerThanTheLimitIsTakenWhenNothingElseIsPending() {
        Outbox outbox = new Outbox(1000);
        assertThat(outbox.offer(frame(4000))).isEqualTo(Outbox.Offer.WAKE);
        assertThat(outbox.offer(frame(1))).isEqualTo(Outbox.Offer.FULL);
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> new Outbox(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
