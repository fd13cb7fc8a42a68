package dev.tandem.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Protocol;
import dev.tandem.model.Limits;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.ws.ConnectionHub;
import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat feed against a real Redis: in-memory sign-in history, and sign-ins that time out. */
@Timeout(60)
class ChatFeedIT {
    private static RunningRedis redis;
    private static RedisLink link;
    private static ConnectionHub hub;
    private static ChatFeed feed;
    private static ChatPublisher publisher;

    @BeforeAll
    static void start() {
        redis = RedisRunner.start();
        link = new RedisLink(redis.url(), "feed-test");
        hub = new ConnectionHub();
        feed = new ChatFeed(link, hub, "feed-test", Duration.ofMillis(300));
        feed.start();
        publisher = new ChatPublisher(link.commands().async(), "feed-test", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        feed.close();
        hub.close();
        link.close();
        redis.close();
    }

    @Test
    void historyIsTheNewestDeliveredMessagesUpToTheSignInLimit() {
        long last = 0;
        for (int i = 0; i < Limits.HISTORY_ON_SIGN_IN + 20; i++) {
            last = publisher.publish("ann", "hello " + i, "c" + i).toCompletableFuture().join().id();
        }
        long newest = last;
        List<ChatMessage> history = awaitHistory(h -> !h.isEmpty() && h.get(h.size() - 1).id() == newest);
        assertThat(history).hasSize(Limits.HISTORY_ON_SIGN_IN);
        assertThat(history).extracting(ChatMessage::id)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(newest - Limits.HISTORY_ON_SIGN_IN + 1, newest)
                        .boxed().toList());
        assertThat(history.get(history.size() - 1).text()).isEqualTo("hello " + (Limits.HISTORY_ON_SIGN_IN + 19));
    }

    /** A sign-in told "unavailable" after waiting too long must not be admitted later behind its back. */
    @Test
    void aSignInThatTimedOutIsNeverAdmitted() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> feed.withHistory(history -> {
            blocking.countDown();
            release.await(); // Holds the delivery thread, as a slow Redis read once did.
            return "stuck";
        }));
        assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean admitted = new AtomicBoolean();
        assertThatThrownBy(() -> feed.withHistory(history -> {
            admitted.set(true);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("behind");

        release.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS)).as("one that had started is waited for, however long").isEqualTo("stuck");
        String after = feed.withHistory(history -> "after");
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
        awaitTrue(feed::isLive, "live at the start");
        int failuresBefore = feed.failedCatchUps();
        admin.del(ChatKeys.HISTORY);
        admin.set(ChatKeys.HISTORY, "not a list: the catch-up's LRANGE fails with WRONGTYPE");
        try {
            assertThat(admin.clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1);
            awaitTrue(() -> feed.failedCatchUps() > failuresBefore, "a catch-up failed");
            assertThat(feed.isLive()).isFalse();
        } finally {
            admin.del(ChatKeys.HISTORY);
        }
        awaitTrue(feed::isLive, "live again once Redis reads work");
    }

    /**
     * A message arrives after a gap (the channel lost one) while the history cannot be read: it must be held
     * back until the gap can be filled from the history, then both delivered in order, never the gap skipped.
     */
    @Test
    void aGapThatCannotBeFilledYetIsHeldBackNotSkipped() {
        RedisCommands<String, String> admin = link.commands().sync();
        awaitTrue(feed::isLive, "live at the start");
        long last = publisher.publish("ann", "before the gap", "g0").toCompletableFuture().join().id();
        awaitHistory(h -> !h.isEmpty() && h.get(h.size() - 1).id() == last);
        String missed = Codec.get().encode(new ChatMessage(last + 1, "ann", "lost by the channel", Instant.now(), "g1", "x"));
        String after = Codec.get().encode(new ChatMessage(last + 2, "ann", "after the gap", Instant.now(), "g2", "x"));
        int failuresBefore = feed.failedCatchUps();

        admin.del(ChatKeys.HISTORY);
        admin.set(ChatKeys.HISTORY, "not a list: filling the gap fails with WRONGTYPE");
        try {
            admin.publish(Protocol.CHAT_CHANNEL, after);
            awaitTrue(() -> feed.failedCatchUps() > failuresBefore, "the gap fill failed");
            assertThat(feed.isLive()).as("held back, so not live").isFalse();
        } finally {
            admin.del(ChatKeys.HISTORY);
            admin.rpush(ChatKeys.HISTORY, missed, after);
            admin.set(ChatKeys.SEQUENCE, Long.toString(last + 2));
        }
        awaitTrue(feed::isLive, "live again once the gap is filled");
        List<ChatMessage> history = feed.withHistory(h -> h);
        assertThat(history.subList(history.size() - 3, history.size())).extracting(ChatMessage::id)
                .containsExactly(last, last + 1, last + 2);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static List<ChatMessage> awaitHistory(java.util.function.Predicate<List<ChatMessage>> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<ChatMessage> history = feed.withHistory(h -> h);
            if (done.test(history)) {
                return history;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("history did not reach the expected state within 20 s");
    }
}
