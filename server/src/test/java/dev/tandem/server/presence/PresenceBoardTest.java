package dev.tandem.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PresenceBoardTest {
    /** Everything that happened, in order: "welcome [..]", "joined", and the frames broadcast (JSON). */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    private final PresenceBoard board = new PresenceBoard(new Recording(), now::get);

    /** A Broadcaster that records each frame broadcast to everyone; the board never sends to a subset. */
    private final class Recording implements dev.tandem.server.window.Broadcaster {
        @Override
        public void broadcast(java.nio.ByteBuffer utf8) {
            events.add(java.nio.charset.StandardCharsets.UTF_8.decode(utf8.duplicate()).toString());
        }

        @Override
        public void broadcastExcept(java.nio.ByteBuffer utf8, Set<? extends dev.tandem.server.window.Window> except) {
            throw new AssertionError("presence goes to every window");
        }

        @Override
        public void send(java.nio.ByteBuffer utf8, List<? extends dev.tandem.server.window.Window> windows) {
            throw new AssertionError("presence goes to every window");
        }
    }

    private static ServerMessage.Presence frame(String json) {
        try {
            return (ServerMessage.Presence) Codec.get().decodeServer(json);
        } catch (dev.tandem.model.ProtocolException e) {
            throw new AssertionError(json, e);
        }
    }

    private boolean admit(String user, TestWindow window) {
        return board.admit(user, window, online -> {
            events.add("welcome " + online);
            events.add("joined");
            return true;
        });
    }

    @Test
    void publishBroadcastsTheDifferenceOnceAndNothingWhenNothingChanged() throws Exception {
        assertThat(board.publish(Set.of("bob", "alice"))).contains(new ServerMessage.Presence(List.of("alice", "bob"), List.of()));
        assertThat(board.publish(Set.of("alice", "bob"))).isEmpty();
        assertThat(board.publish(Set.of("carol", "alice"))).contains(new ServerMessage.Presence(List.of("carol"), List.of("bob")));
        assertThat(events).extracting(PresenceBoardTest::frame).containsExactly(
                new ServerMessage.Presence(List.of("alice", "bob"), List.of()),
                new ServerMessage.Presence(List.of("carol"), List.of("bob")));
        assertThat(board.view()).containsExactly("alice", "carol");
    }

    @Test
    void theWelcomeIsTheViewWithTheUserAndTheNextFrameIsTheChangeFromIt() {
        board.publish(Set.of("bob", "dave"));
        events.clear();
        admit("carol", new TestWindow("c1"));
        assertThat(events).containsExactly("welcome [bob, carol, dave]", "joined");
        assertThat(board.localUsers()).containsExactly("carol");

        // bob went offline and carol is counted here now: the frame is the change from the welcome.
        Optional<ServerMessage.Presence> next = board.publish(Set.of("carol", "dave"));
        assertThat(next).contains(new ServerMessage.Presence(List.of("carol"), List.of("bob")));
        Set<String> seen = new TreeSet<>(List.of("bob", "carol", "dave"));
        seen.addAll(next.get().online());
        next.get().offline().forEach(seen::remove);
        assertThat(seen).as("welcome + frame = the view").containsExactlyElementsOf(board.view());
    }

    @Test
    void aWindowThatClosedDuringItsSignInOrWhoseAdmissionFailedIsNotCounted() {
        TestWindow closedMeanwhile = new TestWindow("gone");
        assertThat(board.admit("erin", closedMeanwhile, online -> false)).isFalse();
        assertThat(board.windows("erin")).isZero();

        assertThatThrownBy(() -> board.admit("erin", new TestWindow("boom"), online -> {
            throw new IllegalStateException("send failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(board.windows("erin")).isZero();

        TestWindow kept = new TestWindow("kept");
        admit("erin", kept);
        board.closed(closedMeanwhile); // its close arrives late: nothing to forget
        assertThat(board.windows("erin")).isEqualTo(1);
        board.closed(kept);
        assertThat(board.windows("erin")).isZero();
        assertThat(board.localUsers()).as("within the linger").containsExactly("erin");
        now.addAndGet(LocalWindows.LINGER.toNanos());
        assertThat(board.localUsers()).isEmpty();
    }

    @Test
    void aFrameWaitsForAWindowBeingWelcomedSoItLandsAfterTheJoinAndIsTheChangeFromItsWelcome() throws Exception {
        board.publish(Set.of("bob"));
        events.clear();
        CountDownLatch inWelcome = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread signIn = new Thread(() -> board.admit("carol", new TestWindow("c1"), online -> {
            events.add("welcome " + online);
            inWelcome.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("joined");
            return true;
        }), "sign-in");
        signIn.start();
        assertThat(inWelcome.await(5, TimeUnit.SECONDS)).isTrue();

        Thread tick = new Thread(() -> board.publish(Set.of("carol")), "presence");
        tick.start();
        Await.until(Duration.ofSeconds(5), "the tick waits for the welcome", () -> tick.getState() == Thread.State.BLOCKED);
        assertThat(events).containsExactly("welcome [bob, carol]");
        release.countDown();
        signIn.join(5000);
        tick.join(5000);

        assertThat(events).hasSize(3);
        assertThat(events.subList(0, 2)).containsExactly("welcome [bob, carol]", "joined");
        // bob's going offline reaches the new window; carol is news to the others (and repeats her own welcome).
        assertThat(frame(events.get(2))).isEqualTo(new ServerMessage.Presence(List.of("carol"), List.of("bob")));
    }

    @Test
    void aWindowClosingInsideItsOwnWelcomeOnTheSameThreadIsForgotten() {
        // Jetty can run onClose inline in a send: the close re-enters the board on the admitting thread.
        TestWindow window = new TestWindow("w");
        boolean kept = board.admit("gina", window, online -> {
            board.closed(window);
            return false; // the hub refuses a window whose close came first
        });
        assertThat(kept).isFalse();
        assertThat(board.windows("gina")).isZero();
    }

    @Test
    void aCrashedServerIsOfflineEverywhereWithinThePresenceTimeout() {
        // Key expiry (TTL after the last beat) plus one poll interval, with room for the frame's delivery.
        Duration worst = PresenceStore.TTL.plus(PresenceTracker.INTERVAL);
        assertThat(worst.plusMillis(500)).isLessThanOrEqualTo(Limits.PRESENCE_TIMEOUT);
        assertThat(PresenceStore.TTL).as("two heartbeats may be missed").isGreaterThanOrEqualTo(PresenceTracker.INTERVAL.multipliedBy(3));
        assertThat(PresenceTracker.RECOVERY_GRACE).isGreaterThanOrEqualTo(PresenceStore.TTL);
        assertThat(LocalWindows.LINGER).as("the new server's heartbeat lands before the old one lets go")
                .isGreaterThanOrEqualTo(PresenceTracker.INTERVAL.multipliedBy(2));
    }
}
