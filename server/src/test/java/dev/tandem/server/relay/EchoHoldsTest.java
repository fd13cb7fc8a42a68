package dev.tandem.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.Codec;
import dev.tandem.model.ChatMessage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery thread keeps a post of this server back while its durability is unknown, with everything
 * after it, in order; a durable one goes to everyone, one that is not to everyone but its sending window.
 */
class EchoHoldsTest {
    private final DirectBroadcaster hub = new DirectBroadcaster();
    private final Delivery delivery = new Delivery(hub, "s1");
    private final RecordingWindow sender = new RecordingWindow("sender");
    private final RecordingWindow other = new RecordingWindow("other");

    @AfterEach
    void stop() {
        delivery.close();
    }

    /** A text that looks like the fields the hold reads: they must be found where the encoder puts them. */
    private static final String TRICKY = "\",\"clientId\":\"c1\",\"serverId\":\"s1\"} \\\" ,\"clientId\":";

    private static String frame(long id, String clientId, String serverId) {
        return Codec.get().encode(new ChatMessage(id, "ann", TRICKY, Instant.EPOCH, clientId, serverId));
    }

    private static Envelope message(long seq, String clientId, String serverId) {
        return new Envelope(seq, Envelope.Kind.MESSAGE, "general", "ann", seq, frame(seq, clientId, serverId), null);
    }

    private <T> T onDelivery(java.util.function.Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        delivery.execute(() -> result.complete(task.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private void start() throws Exception {
        hub.everyone.addAll(List.of(sender, other));
        onDelivery(() -> {
            delivery.startAt(0);
            delivery.members.add("ann", sender, Set.of());
            return null;
        });
    }

    @Test
    void aPendingPostHoldsBackItselfAndWhatFollowsUntilItIsDurable() throws Exception {
        start();
        EchoHolds.Hold hold = delivery.holds.hold("ann", frame(0, "c1", "s1"), sender);
        onDelivery(() -> {
            delivery.relay(message(1, "c1", "s1"));
            delivery.relay(message(2, "c2", "s2")); // someone else's, from another server: waits its turn
            return null;
        });
        assertThat(onDelivery(delivery::lastAccepted)).isEqualTo(2);
        assertThat(onDelivery(delivery::lastDelivered)).isZero();
        assertThat(other.frames).isEmpty();

        hold.settle(true);
        assertThat(onDelivery(delivery::lastDelivered)).isEqualTo(2);
        assertThat(sender.frames).hasSize(2);
        assertThat(other.frames).hasSize(2);
        assertThat(delivery.holds.size()).isZero();
    }

    @Test
    void aPostNotDurableReachesEveryoneButItsSendingWindow() throws Exception {
        start();
        EchoHolds.Hold hold = delivery.holds.hold("ann", frame(0, "c1", "s1"), sender);
        hold.settle(false);
        onDelivery(() -> {
            delivery.relay(message(1, "c1", "s1"));
            return null;
        });
        assertThat(other.frames).containsExactly(frame(1, "c1", "s1"));
        assertThat(sender.frames).isEmpty();
        assertThat(delivery.holds.size()).as("its key is free again").isZero();
    }

    @Test
    void aSecondAttemptWhileTheFirstIsPendingHoldsNothingAndOnlyTheMatchingPostIsHeld() throws Exception {
        start();
        EchoHolds.Hold first = delivery.holds.hold("ann", frame(0, "c1", "s1"), sender);
        assertThat(delivery.holds.hold("ann", frame(0, "c1", "s1"), sender)).as("a resend").isNull();
        onDelivery(() -> {
            delivery.relay(message(1, "c9", "s1")); // another post of this server, not held
            delivery.relay(message(2, "c1", "s2")); // the same client id, but posted on another server
            return null;
        });
        assertThat(onDelivery(delivery::lastDelivered)).isEqualTo(2);
        first.cancel();
        assertThat(delivery.holds.size()).isZero();
    }
}
