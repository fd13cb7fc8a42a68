package dev.tandem.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ConnectTimeoutException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's two Redis connections: one for commands (shared by every thread; Lettuce connections are
 * thread-safe) and one for the chat subscription (and, with {@code --redis-min-replicas}, a third for the
 * chat posts that wait for replicas). Lettuce reconnects both on its own and re-subscribes the
 * channel; commands sent while disconnected fail at once instead of queueing, so a chat send during an
 * outage gets a clear error rather than hanging.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);
    private static final int CONNECT_ATTEMPTS = 3;
    /**
     * Lettuce's default reconnect backoff grows to 30 s, so after an outage of a few seconds a server could
     * sit half a minute without chat although Redis is back. Capped at 2 s, a handful of servers retrying
     * costs Redis nothing, and delivery resumes within 2 s of Redis returning.
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(2), 2,
            TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String serverId;
    /** Connections of their own, opened for {@link ReplicatedWrites} (WAIT blocks the connection it runs on). */
    private final List<StatefulRedisConnection<String, String>> dedicated = new CopyOnWriteArrayList<>();
    /** Called (on a Lettuce thread) whenever the subscription connection drops; one per subscriber. */
    private final List<Runnable> onPubSubDown = new CopyOnWriteArrayList<>();

    /** Connects both connections; throws if Redis cannot be reached now. Command latencies are not recorded. */
    public RedisLink(String redisUrl, String serverId) {
        this(redisUrl, serverId, null);
    }

    /**
     * Connects both connections; throws if Redis cannot be reached now. Every command's latency goes to
     * {@code metrics} (Lettuce's {@code lettuce.command.completion} and {@code .firstresponse} timers, by
     * command type), unless it is null.
     */
    public RedisLink(String redisUrl, String serverId, MeterRegistry metrics) {
        this.serverId = serverId;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(COMMAND_TIMEOUT);
        ClientResources.Builder builder = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY);
        if (metrics != null) {
            builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(metrics, MicrometerOptions.create()));
        }
        resources = builder.build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                LOG.info("server={} redis connected ({})", RedisLink.this.serverId, describe(connection));
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                LOG.warn("server={} redis disconnected ({})", RedisLink.this.serverId, describe(connection));
                if (connection instanceof StatefulRedisPubSubConnection) {
                    onPubSubDown.forEach(Runnable::run);
                }
            }
        });
        try {
            commands = connectPatiently(client::connect);
            pubSub = connectPatiently(client::connectPubSub);
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + redisUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a connection, trying again when only the handshake timed out: a JVM starting on a busy machine
     * (a whole backend started at once, or by tests) can take longer than {@link #COMMAND_TIMEOUT} for its
     * first HELLO, while a Redis that refuses the connection is an error at once.
     */
    private <C> C connectPatiently(Supplier<C> connect) {
        for (int attempt = 1; ; attempt++) {
            try {
                return connect.get();
            } catch (RuntimeException e) {
                if (attempt == CONNECT_ATTEMPTS || !timedOut(e)) {
                    throw e;
                }
                LOG.warn("server={} redis handshake timed out (attempt {} of {}), trying again", serverId, attempt,
                        CONNECT_ATTEMPTS);
            }
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandTimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    public StatefulRedisConnection<String, String> commands() {
        return commands;
    }

    /**
     * Writes that are done once {@code minReplicas} replicas have them: on a connection of their own when
     * that is more than 0 (WAIT would block the shared one), else on the shared command connection.
     */
    public ReplicatedWrites replicatedWrites(int minReplicas) {
        if (minReplicas == 0) {
            return new ReplicatedWrites(commands, 0, ReplicatedWrites.WAIT_TIMEOUT);
        }
        StatefulRedisConnection<String, String> own = client.connect();
        dedicated.add(own);
        return new ReplicatedWrites(own, minReplicas, ReplicatedWrites.WAIT_TIMEOUT);
    }

    /**
     * Subscribes {@code listener} to {@code channel} on the one subscription connection; Lettuce re-subscribes
     * after every reconnect. Every listener hears every channel's messages, so each must check the channel.
     */
    public void subscribe(String channel, RedisPubSubListener<String, String> listener, Runnable whenPubSubDown) {
        onPubSubDown.add(whenPubSubDown);
        pubSub.addListener(listener);
        pubSub.sync().subscribe(channel);
    }

    /** True when the command connection is open. */
    public boolean commandsUp() {
        return commands.isOpen();
    }

    private String describe(RedisChannelHandler<?, ?> connection) {
        return connection instanceof StatefulRedisPubSubConnection ? "subscription" : "commands";
    }

    @Override
    public void close() {
        try {
            pubSub.close();
            dedicated.forEach(StatefulRedisConnection::close);
            commands.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
