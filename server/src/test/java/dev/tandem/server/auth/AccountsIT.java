package dev.tandem.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Accounts} against a real Redis, with a hash pool small enough for the test to fill. */
@Timeout(30)
class AccountsIT {
    private static RunningRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void start() {
        redis = RedisRunner.start();
        client = RedisClient.create(redis.url());
        connection = client.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        client.shutdown();
        redis.close();
    }

    /**
     * With every hash thread busy and the queue full, a sign-in that may not create an account still gets
     * its answer for an unused name: it never needed a hash. One that may create is refused as busy.
     */
    @Test
    void anUnknownNameWithoutCreateNeedsNoHash() throws Exception {
        try (HashPool pool = new HashPool(1, 1);
             Accounts accounts = new Accounts(connection.sync(), new PasswordHasher(1_000), pool)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> busy = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                running.countDown();
                return release.await(20, TimeUnit.SECONDS);
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> pool.run(() -> "queued"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.waiting() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(pool.waiting()).as("the pool's queue is full").isEqualTo(1);

            assertThat(accounts.signIn("nobody-here", "some password", false)).isEqualTo(Accounts.Outcome.UNKNOWN_USER);
            RuntimeException refused = (RuntimeException) catchThrowable(
                    () -> accounts.signIn("nobody-here", "some password", true));
            assertThat(refused).isNotNull();
            assertThat(Accounts.isBusy(refused)).as("a sign-in that would hash is refused as busy").isTrue();

            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
            queued.get(10, TimeUnit.SECONDS);
        }
        assertThat(connection.sync().exists("tandem:account:nobody-here")).isZero();
    }

    @Test
    void outcomesForEachFlag() {
        try (Accounts accounts = new Accounts(connection.sync(), new PasswordHasher(1_000), new HashPool(1, 4))) {
            assertThat(accounts.signIn("carol", "carol's password", false)).isEqualTo(Accounts.Outcome.UNKNOWN_USER);
            assertThat(accounts.signIn("carol", "carol's password", true)).isEqualTo(Accounts.Outcome.REGISTERED);
            assertThat(accounts.signIn("carol", "carol's password", false)).isEqualTo(Accounts.Outcome.SIGNED_IN);
            assertThat(accounts.signIn("carol", "carol's password", true)).isEqualTo(Accounts.Outcome.SIGNED_IN);
            assertThat(accounts.signIn("carol", "a wrong password", false)).isEqualTo(Accounts.Outcome.WRONG_PASSWORD);
            assertThat(accounts.signIn("carol", "a wrong password", true)).isEqualTo(Accounts.Outcome.WRONG_PASSWORD);
        }
    }
}
