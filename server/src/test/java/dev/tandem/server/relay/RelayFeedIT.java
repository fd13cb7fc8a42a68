package dev.tandem.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.RoomNames;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.support.Await;
import dev.tandem.server.window.Window;
import dev.tandem.server.ws.ConnectionHub;
import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay feed against a real Redis: a sign-in read a little behind delivery is sent what came since; a
 * sign-in that timed out is never admitted; catch-ups and gaps that cannot be filled yet are retried, never
 * skipped.
 */
@Timeout(60)
class RelayFeedIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RunningRedis redis;
    private static RedisLink link;
    private static ConnectionHub hub;
    private static RelayFeed feed;
    private static ChatPublisher publisher;

    /** A window of the test's own that keeps what it is sent (the feed sends a late window's catch-up directly). */
    private static final class Recorder implements Window {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public void send(String frame) {
            frames.add(frame);
        }


        @Override
        public void close(int code, String reason) {
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisRunner.start();
        link = new RedisLink(redis.url(), "feed-test");
        hub = new ConnectionHub();
        feed = new RelayFeed(link, hub, "feed-test", Duration.ofMillis(300));
        feed.start();
        publisher = new ChatPublisher(link.commands(), "feed-test", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        feed.close();
        hub.close();
        link.close();
        redis.close();
    }

    private static long relaySequence() {
        String seq = link.commands().sync().get(Keys.RELAY_SEQUENCE);
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /** Waits until the feed has delivered {@code seq} (an admission at it gets its turn). */
    private static void awaitDelivered(long seq) {
        Await.until(WAIT, "delivered up to " + seq, () -> {
            try {
                return feed.admit(seq, admission -> true);
            } catch (IllegalStateException behind) {
                return false;
            }
        });
    }

    /** What a window admitted with a snapshot as of {@code seq} is sent of what came after it. */
    private static List<String> sentToAWindowAdmittedAt(long seq, String user) {
        Recorder window = new Recorder();
        feed.admit(seq, admission -> {
            admission.join(user, Set.of(), window);
            return null;
        });
        feed.windowClosed(user, window);
        return window.frames;
    }

    @Test
    void aSignInReadBeforeTheLastMessagesIsSentThemInOrderAfterItsWelcome() {
        long before = relaySequence();
        for (int i = 0; i < 3; i++) {
            publisher.publish("ann", "127.0.0.1", RoomNames.GENERAL, "late " + i, "late" + i, null).toCompletableFuture().join();
        }
        awaitDelivered(relaySequence());
        List<String> caughtUp = sentToAWindowAdmittedAt(before, "reader");
        assertThat(caughtUp).hasSize(3).allSatisfy(frame -> assertThat(frame).startsWith("{\"type\":\"chat.message\""));
        assertThat(caughtUp.get(0)).contains("\"text\":\"late 0\"");
        assertThat(caughtUp.get(2)).contains("\"text\":\"late 2\"");
        assertThat(sentToAWindowAdmittedAt(relaySequence(), "reader")).as("a fresh snapshot: nothing to catch up").isEmpty();
    }

    /**
     * A membership change this server never heard of (its envelope left the log while the subscription was
     * down) is picked up at the re-subscription: the rooms of the users here are reloaded from Redis.
     */
    @Test
    void aReSubscriptionReloadsTheRoomsOfTheUsersHere() throws Exception {
        RedisCommands<String, String> admin = link.commands().sync();
        Await.until(WAIT, "live at the start", feed::isLive);
        Recorder window = new Recorder();
        feed.admit(relaySequence(), admission -> {
            admission.join("zed", Set.of("stale"), window);
            return null;
        });
        assertThat(feed.localRoomsOf("zed")).containsExactly("stale");
        admin.sadd(Keys.rooms("zed"), "hidden");
        assertThat(admin.clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1);
        Await.until(WAIT, "the rooms reloaded", () -> {
            try {
                return Set.of("hidden").equals(feed.localRoomsOf("zed"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        feed.windowClosed("zed", window);
        assertThat(feed.localRoomsOf("zed")).as("its last window closed: forgotten").isNull();
    }

    /** A sign-in told "unavailable" after waiting too long must not be admitted later behind its back. */
    @Test
    void aSignInThatTimedOutIsNeverAdmitted() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> feed.admit(relaySequence(), admission -> {
            blocking.countDown();
            release.await(); // Holds the delivery thread, as a slow Redis read once did.
            return "stuck";
        }));
        assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean admitted = new AtomicBoolean();
        assertThatThrownBy(() -> feed.admit(relaySequence(), admission -> {
            admitted.set(true);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("behind");

        release.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS)).as("one that had started is waited for, however long").isEqualTo("stuck");
        String after = feed.admit(relaySequence(), admission -> "after");
        assertThat(after).as("the delivery thread has moved past the abandoned one").isEqualTo("after");
        assertThat(admitted).as("the timed-out sign-in ran").isFalse();
    }

    /**
     * The subscription can come back before Redis reads work again (after CLIENT KILL the command connection
     * may reconnect later). The catch-up then fails; it must retry until chat is live again, not stay red.
     */
    @Test
    void aFailedCatchUpIsRetriedUntilChatIsLiveAgain() {
        RedisCommands<String, String> admin = link.commands().sync();
        Await.until(WAIT, "live at the start", feed::isLive);
        int failuresBefore = feed.failedCatchUps();
        List<String> log = admin.zrange(Keys.RELAY_LOG, 0, -1);
        admin.del(Keys.RELAY_LOG);
        admin.set(Keys.RELAY_LOG, "not a sorted set: the catch-up's reads fail with WRONGTYPE");
        try {
            assertThat(admin.clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1);
            Await.until(WAIT, "a catch-up failed", () -> feed.failedCatchUps() > failuresBefore);
            assertThat(feed.isLive()).isFalse();
        } finally {
            admin.del(Keys.RELAY_LOG);
            log.forEach(envelope -> admin.zadd(Keys.RELAY_LOG, Envelope.parse(envelope).seq(), envelope));
        }
        Await.until(WAIT, "live again once Redis reads work", feed::isLive);
    }

    /**
     * An envelope arrives after a gap (the channel lost one) while the log cannot be read: it must be held
     * back until the gap can be filled from the log, then both delivered in order, never the gap skipped.
     */
    @Test
    void aGapThatCannotBeFilledYetIsHeldBackNotSkipped() {
        RedisCommands<String, String> admin = link.commands().sync();
        Await.until(WAIT, "live at the start", feed::isLive);
        publisher.publish("ann", "127.0.0.1", RoomNames.GENERAL, "before the gap", "g0", null).toCompletableFuture().join();
        long last = relaySequence();
        awaitDelivered(last);
        String missed = envelope(last + 1, 1_000_001, "lost by the channel");
        String after = envelope(last + 2, 1_000_002, "after the gap");
        int failuresBefore = feed.failedCatchUps();

        List<String> log = admin.zrange(Keys.RELAY_LOG, 0, -1);
        admin.del(Keys.RELAY_LOG);
        admin.set(Keys.RELAY_LOG, "not a sorted set: filling the gap fails with WRONGTYPE");
        try {
            admin.publish(Protocol.CHAT_CHANNEL, after);
            Await.until(WAIT, "the gap fill failed", () -> feed.failedCatchUps() > failuresBefore);
            assertThat(feed.isLive()).as("held back, so not live").isFalse();
        } finally {
            admin.del(Keys.RELAY_LOG);
            log.forEach(envelope -> admin.zadd(Keys.RELAY_LOG, Envelope.parse(envelope).seq(), envelope));
            admin.zadd(Keys.RELAY_LOG, last + 1, missed);
            admin.zadd(Keys.RELAY_LOG, last + 2, after);
            admin.set(Keys.RELAY_SEQUENCE, Long.toString(last + 2));
        }
        Await.until(WAIT, "live again once the gap is filled", feed::isLive);
        assertThat(sentToAWindowAdmittedAt(last, "reader"))
                .containsExactly(Envelope.parse(missed).frame(), Envelope.parse(after).frame());
    }

    private static String envelope(long seq, long id, String text) {
        String frame = Codec.get().encode(new ChatMessage(id, RoomNames.GENERAL, "ann", text, Instant.EPOCH, "g" + id, "x"));
        return new Envelope(seq, Envelope.Kind.MESSAGE, RoomNames.GENERAL, "ann", id, frame, null).encode();
    }
}
