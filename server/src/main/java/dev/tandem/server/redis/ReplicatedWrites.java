package dev.tandem.server.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Writes that count as done only once {@code minReplicas} replicas have them (Redis {@code WAIT}), so that an
 * acknowledged write survives the primary's loss to a Sentinel failover. With {@code minReplicas} 0 a write is
 * done when the primary answers, as before.
 * <p>Group commit: {@code WAIT} covers every write its connection made before it, and blocks that connection
 * while it waits, so the writes here have a connection of their own, and one {@code WAIT} is in flight at a
 * time: the writes answered while it waits are covered together by the next one. A write joins a batch when
 * its reply is in, not when it is sent: a script Redis did not know is sent again (EVAL) after its NOSCRIPT
 * reply, possibly behind a {@code WAIT} sent meanwhile, which would not cover it. That costs one round trip
 * on a quiet connection (the WAIT follows the reply instead of the write). The cost is one replication round trip
 * per batch, not per write, and the server's shared command connection never blocks.
 * <p>Threads: {@link #write} may be called from any thread; its state (the batch not yet covered, whether a
 * {@code WAIT} is in flight) is guarded by this object's lock. Lettuce completes the futures on its event
 * loop, in the order of the replies.
 */
public final class ReplicatedWrites {
    /** What a write came to when too few replicas confirmed it in time: it may or may not survive a failover. */
    public static final class NotReplicated extends RuntimeException {
        NotReplicated(long confirmed, int wanted, Duration timeout) {
            super(confirmed + " of " + wanted + " replicas confirmed the write within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * How long a WAIT waits for replicas. A replica on a LAN confirms within milliseconds; one that takes a
     * second is as good as gone, and the sender is better told "unavailable" (it resends) than kept waiting.
     */
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(1);

    private record Pending(Object result, CompletableFuture<Object> done) {
    }

    private final StatefulRedisConnection<String, String> connection;
    private final int minReplicas;
    private final Duration timeout;
    private List<Pending> uncovered = new ArrayList<>();
    private boolean waiting;

    /** {@code connection} must be this object's alone when {@code minReplicas} > 0 (WAIT blocks it). */
    public ReplicatedWrites(StatefulRedisConnection<String, String> connection, int minReplicas, Duration timeout) {
        this.connection = connection;
        this.minReplicas = minReplicas;
        this.timeout = timeout;
    }

    public int minReplicas() {
        return minReplicas;
    }

    /**
     * Sends {@code write} on this object's connection; the stage completes with its result once enough replicas
     * have it, or fails with {@link NotReplicated} (or the write's own failure).
     */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> write(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> write) {
        if (minReplicas == 0) {
            return write.apply(connection.async());
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        write.apply(connection.async()).whenComplete((result, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            synchronized (this) {
                // Its reply is in, so it ran, and a WAIT sent from now on covers it.
                uncovered.add(new Pending(result, done));
                if (!waiting) {
                    sendWait();
                }
            }
        });
        return (CompletionStage<T>) done;
    }

    /**
     * Done once every write sent before it is on enough replicas: a PING on the same connection is answered
     * only after those writes ran.
     */
    public CompletionStage<Void> barrier() {
        return write(commands -> commands.ping().thenApply(pong -> null));
    }

    /**
     * Waits for {@code stage} (from {@link #write}) on the calling thread; a failure is thrown as the
     * RuntimeException it was (Lettuce's, or {@link NotReplicated}), not wrapped.
     */
    public <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Under the lock: one WAIT for every write answered since the last one. */
    private void sendWait() {
        List<Pending> covered = uncovered;
        uncovered = new ArrayList<>();
        waiting = true;
        connection.async().waitForReplication(minReplicas, timeout.toMillis()).whenComplete((confirmed, failure) -> {
            for (Pending pending : covered) {
                if (failure != null) {
                    pending.done().completeExceptionally(failure);
                } else if (confirmed < minReplicas) {
                    pending.done().completeExceptionally(new NotReplicated(confirmed, minReplicas, timeout));
                } else {
                    pending.done().complete(pending.result());
                }
            }
            synchronized (this) {
                waiting = false;
                if (!uncovered.isEmpty()) {
                    sendWait();
                }
            }
        });
    }
}
