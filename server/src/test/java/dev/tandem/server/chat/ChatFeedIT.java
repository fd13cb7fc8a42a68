package dev.tandem.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Limits;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.ws.ConnectionHub;
import java.time.Clock;
import java.time.Duration;
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
            last = publisher.publish("ann", "hello " + i, "c" + i).toCompletableFuture().join();
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
