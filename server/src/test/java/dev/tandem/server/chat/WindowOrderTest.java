package dev.tandem.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.window.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A window's posts start one after another; another window's do not wait for them. */
class WindowOrderTest {
    private final WindowOrder order = new WindowOrder();
    private final List<String> started = new ArrayList<>();

    private static Window window(String id) {
        return new Window() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void send(String frame) {
            }

            @Override
            public void close(int code, String reason) {
            }
        };
    }

    private CompletionStage<String> post(Window window, String name, CompletableFuture<String> reply) {
        return order.after(window, () -> {
            started.add(name);
            return reply;
        });
    }

    @Test
    void aPostStartsOnlyOnceTheWindowsEarlierOneIsAnswered() {
        Window window = window("w1");
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletionStage<String> firstDone = post(window, "first", first);
        CompletionStage<String> secondDone = post(window, "second", second);
        assertThat(started).containsExactly("first");

        first.complete("id 1");
        assertThat(firstDone.toCompletableFuture()).isCompletedWithValue("id 1");
        assertThat(started).containsExactly("first", "second");
        second.complete("id 2");
        assertThat(secondDone.toCompletableFuture()).isCompletedWithValue("id 2");
        assertThat(order.windowsWaiting()).as("nothing kept once done").isZero();
    }

    @Test
    void aFailedPostStillLetsTheNextOneStart() {
        Window window = window("w1");
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletionStage<String> firstDone = post(window, "first", first);
        post(window, "second", new CompletableFuture<>());
        first.completeExceptionally(new IllegalStateException("Redis unavailable"));
        assertThat(firstDone.toCompletableFuture()).isCompletedExceptionally();
        assertThat(started).containsExactly("first", "second");
    }

    @Test
    void anotherWindowDoesNotWait() {
        post(window("w1"), "slow", new CompletableFuture<>());
        post(window("w2"), "other", CompletableFuture.completedFuture("id 9"));
        assertThat(started).containsExactly("slow", "other");
        assertThat(order.windowsWaiting()).isEqualTo(1);
    }

    @Test
    void aPostThatThrowsFailsItsStageInsteadOfTheCaller() {
        Window window = window("w1");
        CompletionStage<String> done = order.after(window, () -> {
            throw new IllegalStateException("bad frame");
        });
        assertThat(done.toCompletableFuture()).isCompletedExceptionally();
        assertThat(order.windowsWaiting()).isZero();
    }
}
