package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.Protocol;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.redis.RedisLink;
import dev.tandem.server.window.Broadcaster;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers chat to this server's clients: exactly once each, in id order.
 * <p>Threads: one "chat-delivery" thread owns {@link #lastDelivered} and the recent history, orders all
 * delivery and every sign-in's history read, so a new client's history and the live messages after it
 * neither overlap nor leave a gap. Lettuce's subscription callbacks only hand frames to that thread; the
 * hub's shard threads do the writing to sockets.
 * <p>Pub/sub is fire-and-forget, so a frame can be missed while the subscription is down. Ids make that
 * visible: after a re-subscribe, or when an id skips ahead, the missing messages are read back from the
 * Redis history and delivered first. A repeated id is dropped.
 */
public final class ChatFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatFeed.class);
    /** How long a sign-in waits for its turn on the delivery thread. */
    private static final Duration DEFAULT_ADMIT_TIMEOUT = Duration.ofSeconds(10);
    /** Pause before a failed catch-up tries again. */
    private static final Duration CATCH_UP_RETRY = Duration.ofMillis(500);

    private final RedisLink redis;
    private final RedisCommands<String, String> commands;
    private final Broadcaster hub;
    private final String serverId;
    private final Duration admitTimeout;
    private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chat-delivery");
        thread.setDaemon(true);
        return thread;
    });

    /** Id of the last message handed to clients; -1 until the first subscription. Delivery thread only. */
    private long lastDelivered = -1;
    /** The history a sign-in gets. Delivery thread only. */
    private final RecentChat recent = new RecentChat(Limits.HISTORY_ON_SIGN_IN);
    private final CountDownLatch firstCatchUp = new CountDownLatch(1);
    /** True while Lettuce holds the subscription: set by its callbacks, read by catch-ups. */
    private volatile boolean subscribed;
    /** A failed catch-up has a retry queued. Delivery thread only. */
    private boolean catchUpRetryQueued;
    /** Catch-ups that failed so far (for tests and logs). */
    private final AtomicInteger failedCatchUps = new AtomicInteger();
    /** True while subscribed and caught up: what /health reports. */
    private volatile boolean live;

    public ChatFeed(RedisLink redis, Broadcaster hub, String serverId) {
        this(redis, hub, serverId, DEFAULT_ADMIT_TIMEOUT);
    }

    ChatFeed(RedisLink redis, Broadcaster hub, String serverId, Duration admitTimeout) {
        this.admitTimeout = admitTimeout;
        this.redis = redis;
        this.commands = redis.commands().sync();
        this.hub = hub;
        this.serverId = serverId;
    }

    /** Subscribes to chat_channel and catches up; returns when the first subscription is confirmed. */
    public void start() {
        redis.subscribe(Protocol.CHAT_CHANNEL, new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String frame) {
                if (Protocol.CHAT_CHANNEL.equals(channel)) {
                    delivery.execute(() -> deliver(frame));
                }
            }

            @Override
            public void subscribed(String channel, long count) {
                if (!Protocol.CHAT_CHANNEL.equals(channel)) {
                    return;
                }
                subscribed = true;
                delivery.execute(ChatFeed.this::catchUp);
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

    /** How many catch-ups have failed (each is retried). */
    int failedCatchUps() {
        return failedCatchUps.get();
    }

    /** True when the subscription is up and every message so far was delivered. */
    public boolean isLive() {
        return live;
    }

    /**
     * Runs {@code admit} on the delivery thread with the recent history (oldest first, up to the last
     * delivered message); the connection must join the hub inside it. Waits for it to finish. If the
     * delivery thread does not get to it within the timeout, it never runs: a caller that was told "no"
     * must not be admitted behind its back.
     *
     * @throws IllegalStateException if chat has not caught up yet or the delivery thread is stuck
     */
    public <T> T withHistory(HistoryConsumer<T> admit) {
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> result = delivery.submit(() -> claimed.compareAndSet(false, true) ? admit.accept(recentHistory()) : null);
        try {
            try {
                return result.get(admitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (claimed.compareAndSet(false, true)) {
                    result.cancel(false);
                    throw new IllegalStateException("chat delivery is more than " + admitTimeout.toMillis() + " ms behind", e);
                }
                return result.get(); // It started just now; it is quick, and the caller must learn its outcome.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("chat history unavailable: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Receives history on the delivery thread. */
    @FunctionalInterface
    public interface HistoryConsumer<T> {
        T accept(List<ChatMessage> history) throws Exception;
    }

    private List<ChatMessage> recentHistory() {
        if (lastDelivered < 0) {
            throw new IllegalStateException("not subscribed to chat yet");
        }
        return recent.snapshot();
    }

    /**
     * Delivery thread: after (re)subscribing, deliver whatever was missed, then report live. The Redis reads
     * can fail although the subscription is back (the command connection may reconnect later than the
     * subscription), so a failed catch-up retries until it succeeds or the subscription drops again; without
     * that, one unlucky reconnect would leave chat red until the next outage.
     */
    private void catchUp() {
        if (!subscribed || live) {
            return; // Down again (the next subscription catches up), or an earlier catch-up already did.
        }
        try {
            if (lastDelivered < 0) {
                String sequence = commands.get(ChatKeys.SEQUENCE);
                long upTo = sequence == null ? 0 : Long.parseLong(sequence);
                for (String frame : commands.lrange(ChatKeys.HISTORY, -Limits.HISTORY_ON_SIGN_IN, -1)) {
                    ChatMessage message = parse(frame);
                    if (message != null && message.id() <= upTo) {
                        recent.add(message);
                    }
                }
                lastDelivered = upTo;
                LOG.info("server={} chat subscribed at message {}", serverId, lastDelivered);
            } else {
                long before = lastDelivered;
                writeBackHistory();
                fillGap(Long.MAX_VALUE);
                LOG.info("server={} chat re-subscribed; caught up {} missed messages", serverId, lastDelivered - before);
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
     * A Redis that came back without its last writes (appendfsync everysec can postpone the file write
     * behind a slow fsync while it already answers, so a kill -9 loses up to about 2 s) would miss messages
     * this server delivered, and would hand their ids out again, which clients drop as repeats. So after
     * every re-subscription the messages this server holds in memory that are newer than the history's
     * newest are written back, in order, with their resend keys, and the counter is raised to the last id
     * delivered. One script, so servers doing it at once append each message once.
     */
    private void writeBackHistory() {
        List<ChatMessage> held = recent.snapshot();
        String[] keys = new String[2 + held.size()];
        keys[0] = ChatKeys.HISTORY;
        keys[1] = ChatKeys.SEQUENCE;
        List<String> args = new java.util.ArrayList<>(3 + 2 * held.size());
        args.add(Integer.toString(Limits.HISTORY_RETAINED));
        args.add(Long.toString(Limits.RESEND_WINDOW.toSeconds()));
        args.add(Long.toString(lastDelivered));
        for (int i = 0; i < held.size(); i++) {
            ChatMessage message = held.get(i);
            keys[2 + i] = ChatKeys.sent(message.author(), message.clientId() == null ? "" : message.clientId());
            args.add(Long.toString(message.id()));
            args.add(Codec.get().encode(message));
        }
        Long added = commands.eval(WRITE_BACK, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new));
        if (added > 0) {
            LOG.warn("server={} the chat history in Redis was missing {} delivered messages; wrote them back", serverId, added);
        }
    }

    /**
     * KEYS: history, sequence, then one resend key per message. ARGV: history length, resend window (s),
     * last id delivered, then (id, frame) pairs in id order.
     */
    private static final String WRITE_BACK = """
            local last = 0
            local tail = redis.call('LINDEX', KEYS[1], -1)
            if tail then last = tonumber(string.match(tail, '"id":(%d+)')) or 0 end
            local added = 0
            for i = 4, #ARGV, 2 do
              if tonumber(ARGV[i]) > last then
                redis.call('RPUSH', KEYS[1], ARGV[i + 1])
                redis.call('SET', KEYS[3 + (i - 4) / 2], ARGV[i + 1], 'EX', ARGV[2], 'NX')
                last = tonumber(ARGV[i])
                added = added + 1
              end
            end
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
            local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
            if seq < tonumber(ARGV[3]) then redis.call('SET', KEYS[2], ARGV[3]) end
            return added
            """;

    /** Delivery thread: queues one catch-up retry (at most one at a time). */
    private void retryCatchUpLater() {
        if (!catchUpRetryQueued) {
            catchUpRetryQueued = true;
            delivery.schedule(() -> {
                catchUpRetryQueued = false;
                catchUp();
            }, CATCH_UP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Delivery thread: one frame from the channel. */
    private void deliver(String frame) {
        long id = idOf(frame);
        if (id < 0) {
            LOG.warn("server={} dropped an unreadable chat frame", serverId);
            return;
        }
        if (lastDelivered < 0) {
            return; // Before the first catch-up: it reads the sequence later, so it includes this message.
        }
        if (id <= lastDelivered) {
            return; // Already delivered by a catch-up.
        }
        if (id > lastDelivered + 1) {
            try {
                fillGap(id);
            } catch (RuntimeException e) {
                // Delivering this one now would skip the gap for good. Hold everything back instead: the
                // catch-up delivers the gap and this message from the history, in order, once reads work.
                live = false;
                failedCatchUps.incrementAndGet();
                LOG.warn("server={} could not fill chat gap {}..{} ({}); catching up in {} ms", serverId,
                        lastDelivered + 1, id - 1, e.toString(), CATCH_UP_RETRY.toMillis());
                retryCatchUpLater();
                return;
            }
        }
        relay(id, frame);
    }

    /** Delivers history messages with lastDelivered < id < before, in order. */
    private void fillGap(long before) {
        for (String frame : commands.lrange(ChatKeys.HISTORY, 0, -1)) {
            long id = idOf(frame);
            if (id > lastDelivered && id < before) {
                if (id > lastDelivered + 1) {
                    LOG.warn("server={} chat messages {}..{} left the Redis history before they could be delivered",
                            serverId, lastDelivered + 1, id - 1);
                }
                relay(id, frame);
            }
        }
    }

    /** Delivery thread: writes one message to every local client and remembers it for sign-ins. */
    private void relay(long id, String frame) {
        ChatMessage message = parse(frame);
        if (message == null) {
            LOG.warn("server={} dropped unreadable chat message {}", serverId, id);
        } else {
            hub.broadcast(frame);
            recent.add(message);
        }
        lastDelivered = id;
    }

    /** The id of a frame built by {@link ChatPublisher}: {@code {"type":"chat.message","id":N,...}}. */
    static long idOf(String frame) {
        int start = frame.indexOf("\"id\":");
        if (start < 0) {
            return -1;
        }
        long id = 0;
        int i = start + 5;
        int digits = 0;
        while (i < frame.length() && Character.isDigit(frame.charAt(i)) && digits < 18) {
            id = id * 10 + (frame.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : id;
    }

    private ChatMessage parse(String frame) {
        try {
            ServerMessage message = Codec.get().decodeServer(frame);
            return message instanceof ChatMessage chat ? chat : null;
        } catch (ProtocolException e) {
            return null;
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
