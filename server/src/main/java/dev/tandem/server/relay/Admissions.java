package dev.tandem.server.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands sign-ins their turn on the delivery thread, once delivery has reached the sequence their snapshot was
 * read at, and gives up on those that wait too long, for good.
 * <p>Threads: {@link #admit} blocks the caller (a session thread) while the admitter runs on the delivery
 * thread; the claim flag decides, once, whether it runs or was given up.
 */
final class Admissions {
    private final Delivery delivery;
    private final Duration timeout;

    Admissions(Delivery delivery, Duration timeout) {
        this.delivery = delivery;
        this.timeout = timeout;
    }

    <T> T admit(long at, RelayFeed.Admitter<T> admitter) {
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable turn = () -> {
            if (!claimed.compareAndSet(false, true)) {
                return; // Given up on by the caller: it must not be admitted behind its back.
            }
            try {
                List<Envelope> since = delivery.recent.since(at);
                if (since == null) {
                    result.completeExceptionally(new Admission.StaleSnapshot());
                } else {
                    result.complete(admitter.admit(new Admission(delivery.members, since)));
                }
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        delivery.execute(() -> {
            if (delivery.started()) {
                delivery.at(at, turn);
            } else {
                result.completeExceptionally(new IllegalStateException("not subscribed to chat yet"));
            }
        });
        try {
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (claimed.compareAndSet(false, true)) {
                    throw new IllegalStateException("chat delivery is more than " + timeout.toMillis() + " ms behind", e);
                }
                return result.get(); // It started just now; it is quick, and the caller must learn its outcome.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("chat admission failed: " + e.getCause(), e.getCause());
        }
    }
}
