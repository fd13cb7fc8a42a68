package dev.tandem.server.relay;

import dev.tandem.model.Protocol;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the relay ({@code chat_channel}, one subscription per server) to this server's windows: every
 * sequenced envelope exactly once, in sequence order, to the local members it is for ({@link LocalMembers});
 * ephemeral ones (typing) as they come.
 * <p>Threads: the {@link Delivery} thread owns the last delivered sequence, the recent envelopes and the
 * local membership; it orders every delivery and every sign-in's admission ({@link #admit}), so a window's
 * welcome (a snapshot as of some sequence), what came after it and the live envelopes neither overlap nor
 * leave a gap. Lettuce's callbacks only hand envelopes over; the hub's shard threads write to sockets.
 * <p>Pub/sub is fire-and-forget, so an envelope can be missed while the subscription is down. Sequence numbers
 * make that visible: after a re-subscription, or when a number skips ahead, the missing envelopes are read
 * back from the relay log and delivered first. A repeated number is dropped.
 */
public final class RelayFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayFeed.class);
    private static final Duration DEFAULT_ADMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_RETRY = Duration.ofMillis(500);
    /** Envelopes kept in memory: for sign-ins a moment behind, and for the write-back. */
    static final int RECENT = 4096;

    private final RedisLink redis;
    private final RelayLog log;
    private final Delivery delivery;
    private final Admissions admissions;
    private final String serverId;

    private final CountDownLatch firstCatchUp = new CountDownLatch(1);
    /** True while Lettuce holds the subscription: set by its callbacks, read by catch-ups. */
    private volatile boolean subscribed;
    /** A failed catch-up has a retry queued. Delivery thread only. */
    private boolean catchUpRetryQueued;
    private final AtomicInteger failedCatchUps = new AtomicInteger();
    /** Subscribed and caught up: what /health reports. */
    private volatile boolean live;
    /** Told how many envelopes each catch-up after a re-subscription read (metrics); set before start. */
    private volatile java.util.function.LongConsumer caughtUp = n -> { };

    /** Calls {@code listener} (on the catch-up thread) with the number of envelopes each catch-up read. */
    public void onCaughtUp(java.util.function.LongConsumer listener) {
        this.caughtUp = listener;
    }

    public RelayFeed(RedisLink redis, Broadcaster hub, String serverId) {
        this(redis, hub, serverId, DEFAULT_ADMIT_TIMEOUT);
    }

    RelayFeed(RedisLink redis, Broadcaster hub, String serverId, Duration admitTimeout) {
        this.redis = redis;
        this.log = new RelayLog(redis.commands().sync());
        this.delivery = new Delivery(hub, serverId);
        this.admissions = new Admissions(delivery, admitTimeout);
        this.serverId = serverId;
    }

    /** Subscribes to chat_channel and catches up; returns when the first subscription is confirmed. */
    public void start() {
        redis.subscribe(Protocol.CHAT_CHANNEL, new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String text) {
                if (Protocol.CHAT_CHANNEL.equals(channel)) {
                    delivery.execute(() -> deliver(text));
                }
            }

            @Override
            public void subscribed(String channel, long count) {
                if (Protocol.CHAT_CHANNEL.equals(channel)) {
                    subscribed = true;
                    delivery.execute(RelayFeed.this::catchUp);
                }
            }
        }, () -> {
            subscribed = false;
            live = false;
        });
        try {
            if (!firstCatchUp.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chat subscription did not catch up within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        }
    }

    /** True when the subscription is up and every envelope so far was delivered. */
    public boolean isLive() {
        return live;
    }

    /** How many catch-ups have failed (each is retried). */
    int failedCatchUps() {
        return failedCatchUps.get();
    }

    /**
     * Runs {@code admitter} on the delivery thread once delivery has reached {@code at}, the relay sequence a
     * sign-in's snapshot was read at, with what was delivered since; the window must join inside it
     * ({@link Admission#join}). Waits for it. If the delivery thread does not get to it within the timeout it
     * never runs: a caller told "no" must not be admitted behind its back.
     *
     * @throws Admission.StaleSnapshot if what came after the snapshot is no longer held (read it again)
     * @throws IllegalStateException   if chat has not caught up yet or delivery is too far behind
     */
    public <T> T admit(long at, Admitter<T> admitter) {
        return admissions.admit(at, admitter);
    }

    /** Runs on the delivery thread at a sign-in's turn. */
    @FunctionalInterface
    public interface Admitter<T> {
        T admit(Admission admission) throws Exception;
    }

    /**
     * Where this server's posts are held back until they are durable ({@code --redis-min-replicas}): the
     * chat publisher registers each post here before sending it.
     */
    public EchoHolds echoHolds() {
        return delivery.holds;
    }

    /** A window closed: it gets nothing more (queued behind whatever is being delivered). */
    public void windowClosed(String user, Window window) {
        delivery.execute(() -> delivery.members.remove(user, window));
    }

    /** The rooms the delivery thread knows {@code user} is in here (null if not here); for tests. */
    Set<String> localRoomsOf(String user) throws Exception {
        java.util.concurrent.CompletableFuture<Set<String>> rooms = new java.util.concurrent.CompletableFuture<>();
        delivery.execute(() -> {
            Set<String> known = delivery.members.roomsOf(user);
            rooms.complete(known == null ? null : Set.copyOf(known));
        });
        return rooms.get(10, TimeUnit.SECONDS);
    }

    /**
     * Delivery thread: after (re)subscribing, write back what Redis lost, deliver what was missed, reload the
     * local users' rooms, then report live. Reads can fail although the subscription is back (the command
     * connection may reconnect later), so a failed catch-up retries until it succeeds or the subscription
     * drops again; without that, one unlucky reconnect would leave chat red until the next outage.
     */
    private void catchUp() {
        if (!subscribed || live) {
            return;
        }
        try {
            if (!delivery.started()) {
                delivery.startAt(log.sequence());
                LOG.info("server={} chat subscribed at relay sequence {}", serverId, delivery.lastDelivered());
            } else {
                long before = delivery.lastDelivered();
                writeBack();
                fillGap(Long.MAX_VALUE);
                reloadMembers();
                LOG.info("server={} chat re-subscribed; caught up {} missed envelopes", serverId,
                        delivery.lastDelivered() - before);
                caughtUp.accept(delivery.lastDelivered() - before);
            }
            live = true;
            firstCatchUp.countDown();
        } catch (RuntimeException e) {
            failedCatchUps.incrementAndGet();
            LOG.warn("server={} chat catch-up failed, retrying in {} ms: {}", serverId, CATCH_UP_RETRY.toMillis(), e.toString());
            retryCatchUpLater();
        }
    }

    /**
     * A Redis that came back without its last writes (appendfsync everysec can postpone the file write behind
     * a slow fsync while it already answers, so a kill -9 loses up to about 2 s) would miss envelopes this
     * server delivered, and hand their numbers out again. So the envelopes held here that are newer than the
     * log's newest are written back, in order, with what they changed, and the counters are raised.
     */
    private void writeBack() {
        List<Envelope> held = delivery.recent.since(log.newestLogged());
        long added = log.writeBack(held == null ? delivery.recent.all() : held, delivery.lastDelivered());
        if (added > 0) {
            LOG.warn("server={} Redis was missing {} delivered relay envelopes; wrote them back", serverId, added);
        }
    }

    /**
     * Reloads the rooms of the users here (membership changes may have left the log before this server read
     * them), installed as of delivery's place: the changes delivered since the read are applied on top, and a
     * read ahead of delivery waits for it.
     */
    private void reloadMembers() {
        Set<String> users = delivery.members.users();
        if (users.isEmpty()) {
            return;
        }
        RelayLog.Rooms rooms = log.roomsOf(users);
        delivery.at(rooms.seq(), () -> {
            List<Envelope> since = delivery.recent.since(rooms.seq());
            for (Map.Entry<String, Set<String>> user : rooms.byUser().entrySet()) {
                delivery.members.install(user.getKey(), since == null ? user.getValue()
                        : LocalMembers.evolve(since, user.getKey(), user.getValue()));
            }
        });
    }

    private void retryCatchUpLater() {
        if (!catchUpRetryQueued) {
            catchUpRetryQueued = true;
            delivery.schedule(() -> {
                catchUpRetryQueued = false;
                catchUp();
            }, CATCH_UP_RETRY.toMillis());
        }
    }

    /** Delivery thread: one envelope from the channel. */
    private void deliver(String text) {
        Envelope envelope = Envelope.parse(text);
        if (envelope == null) {
            LOG.warn("server={} dropped an unreadable relay envelope", serverId);
            return;
        }
        if (!delivery.started()) {
            return; // Before the first catch-up: it reads the sequence later, so it includes this one.
        }
        if (envelope.isEphemeral()) {
            delivery.members.deliver(envelope);
            return;
        }
        long last = delivery.lastAccepted();
        if (envelope.seq() <= last) {
            return; // Already delivered by a catch-up.
        }
        if (envelope.seq() > last + 1) {
            try {
                fillGap(envelope.seq());
            } catch (RuntimeException e) {
                // Delivering this one now would skip the gap for good. Hold everything back instead: the
                // catch-up delivers the gap and this envelope from the log, in order, once reads work.
                live = false;
                failedCatchUps.incrementAndGet();
                LOG.warn("server={} could not fill relay gap {}..{} ({}); catching up in {} ms", serverId,
                        last + 1, envelope.seq() - 1, e.toString(), CATCH_UP_RETRY.toMillis());
                retryCatchUpLater();
                return;
            }
        }
        delivery.relay(envelope);
    }

    /** Delivers the logged envelopes with lastDelivered < seq < before, in order. */
    private void fillGap(long before) {
        for (String text : log.between(delivery.lastAccepted(), before)) {
            Envelope envelope = Envelope.parse(text);
            long last = delivery.lastAccepted();
            if (envelope != null && envelope.seq() > last && envelope.seq() < before) {
                if (envelope.seq() > last + 1) {
                    LOG.warn("server={} relay envelopes {}..{} left the log before they could be delivered here",
                            serverId, last + 1, envelope.seq() - 1);
                }
                delivery.relay(envelope);
            }
        }
    }

    @Override
    public void close() {
        delivery.close();
    }
}
