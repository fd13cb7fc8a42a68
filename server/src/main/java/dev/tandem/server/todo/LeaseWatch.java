package dev.tandem.server.todo;

import dev.tandem.server.redis.RedisFailure;
import dev.tandem.server.redis.RedisLink;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for lease take-overs on {@link TodoKeys#LEASE_CHANNEL} and retires this server's copy of a list
 * another server took, so its windows move to the new owner at once rather than at their next (refused)
 * change. Pub/sub can miss a message while the subscription is down, so every (re)subscription compares
 * each local lease with Redis. The fencing in {@link TodoRecord} keeps correctness either way; this keeps
 * windows from showing a list that has moved on.
 * <p>Threads: Lettuce's callbacks only hand work to the one "todo-leases" thread, which does the board
 * locking and the Redis reads, so a board busy committing never holds up Lettuce's event loop.
 */
public final class LeaseWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseWatch.class);

    private final TodoStore store;
    /** Set by Lettuce's callbacks; read by the retry. */
    private volatile boolean subscribed;
    /** Pause before a failed re-check tries again (the command connection can return after the subscription). */
    private static final long RETRY_MILLIS = 500;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "todo-leases");
        t.setDaemon(true);
        return t;
    });

    public LeaseWatch(TodoStore store) {
        this.store = store;
    }

    /** Subscribes; returns once the subscription is confirmed (throws if Redis cannot be reached). */
    public void start(RedisLink redis) {
        redis.subscribe(TodoKeys.LEASE_CHANNEL, new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String announcement) {
                if (TodoKeys.LEASE_CHANNEL.equals(channel)) {
                    thread.execute(() -> handle(announcement));
                }
            }

            @Override
            public void subscribed(String channel, long count) {
                if (TodoKeys.LEASE_CHANNEL.equals(channel)) {
                    subscribed = true;
                    thread.execute(LeaseWatch.this::revalidate);
                }
            }
        }, () -> subscribed = false);
    }

    /** {@code "<user> <epoch> <owner>"}, as the take-over script publishes it. */
    private void handle(String announcement) {
        String[] parts = announcement.split(" ");
        if (parts.length != 3) {
            LOG.warn("server={} ignored a malformed lease announcement", store.serverId());
            return;
        }
        try {
            store.leaseTaken(parts[0], Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            LOG.warn("server={} ignored a lease announcement with a bad epoch", store.serverId());
        }
    }

    /** Re-checks every lease; retried while it fails and the subscription is up. */
    private void revalidate() {
        try {
            store.revalidateAll();
        } catch (RuntimeException e) {
            // The command connection may come back after the subscription; fenced commits protect the data meanwhile.
            LOG.warn("server={} could not re-check todo leases after re-subscribing, retrying in {} ms: {}",
                    store.serverId(), RETRY_MILLIS, RedisFailure.describe(e));
            if (subscribed) {
                thread.schedule(this::revalidate, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
