package dev.tandem.server.chat;

import dev.tandem.server.window.Window;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts each window's posts one after another, in the order the window sent them, so that their ids follow
 * that order. Pipelining alone does not promise it: a script Redis does not know (first use, a restart, a
 * {@code SCRIPT FLUSH}) fails with NOSCRIPT and is sent again as EVAL, behind posts sent after it, which then
 * get the lower ids. A window posts at most a few dozen messages a second (its author's rate), so waiting for
 * one post's reply before sending the next costs it nothing it would notice; windows do not wait for each other.
 * <p>Threads: {@link #after} may be called from any thread (a window's session thread); a post is started on
 * that thread when nothing of its window is under way, else on the thread that completed the one before it
 * (Lettuce's event loop). {@link #tails} holds the last post of each window with one under way, and drops it
 * once it is done.
 */
final class WindowOrder {
    private final ConcurrentHashMap<Window, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    /**
     * Starts {@code post} once every post {@code window} started here before has completed (either way);
     * completes as that post does. A null window (tools, tests) is not ordered.
     */
    <T> CompletionStage<T> after(Window window, Supplier<CompletionStage<T>> post) {
        if (window == null) {
            return post.get();
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        CompletableFuture<?> previous = tails.put(window, done);
        Runnable start = () -> {
            CompletionStage<T> started;
            try {
                started = post.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((result, failure) -> {
                tails.remove(window, done);
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(result);
                }
            });
        };
        if (previous == null) {
            start.run();
        } else {
            previous.whenComplete((result, failure) -> start.run());
        }
        return done;
    }

    /** How many windows have a post under way (for tests). */
    int windowsWaiting() {
        return tails.size();
    }
}
