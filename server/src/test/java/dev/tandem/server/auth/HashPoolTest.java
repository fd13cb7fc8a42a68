package dev.tandem.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HashPoolTest {

    @Test
    void returnsTheResultAndPassesFailuresOn() {
        try (HashPool pool = new HashPool(1, 1)) {
            assertThat(pool.run(() -> 6 * 7)).isEqualTo(42);
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IllegalArgumentException("redis is down");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("redis is down");
        }
    }

    /** One thread busy, one caller queued: the next caller is refused at once as busy, not made to wait. */
    @Test
    void refusesWorkAsBusyOnceTheQueueIsFull() throws Exception {
        try (HashPool pool = new HashPool(1, 1)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                running.countDown();
                release.await();
                return "first";
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> pool.run(() -> "queued"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.waiting() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(pool.waiting()).isEqualTo(1);
            Throwable refused = catchThrowable(() -> pool.run(() -> "third"));
            assertThat(refused).isNotNull();
            assertThat(refused).isInstanceOf(HashPool.BusyException.class);
            assertThat(refused).hasMessageContaining("already waiting");
            assertThat(Accounts.isBusy((RuntimeException) refused)).as("what the sign-in handler checks").isTrue();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
        }
    }
}
