package dev.tandem.server.support;

import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts one real Redis and N real app servers (s1..sN, random loopback ports,
 * the test cluster secret) once per test class, and stops them after it:
 * <pre>{@code @RegisterExtension static final TandemCluster cluster = TandemCluster.of(2);}</pre>
 * Servers can be stopped and started again on the same port, as a restart looks to clients. Tests share
 * the servers, so each uses user names of its own ({@link #newUser}).
 * <p>Threads: set up and torn down on JUnit's thread; the accessors are for the test thread.
 */
public final class TandemCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final int size;
    private final UnaryOperator<ServerConfig> tweak;
    private Consumer<RedisCommands<String, String>> beforeServers = redis -> { };
    /** A redis-server of this JVM's on a directory of its own, which a test can stop and start again. */
    private final boolean restartableRedis;
    private java.nio.file.Path redisDir;
    private final List<ServerConfig> configs = new ArrayList<>();
    private final List<TandemServer> servers = new ArrayList<>();
    private RunningRedis redis;
    private RedisClient adminClient;
    private StatefulRedisConnection<String, String> admin;

    private TandemCluster(int size, UnaryOperator<ServerConfig> tweak, boolean restartableRedis) {
        this.size = size;
        this.tweak = tweak;
        this.restartableRedis = restartableRedis;
    }

    /** Redis and {@code servers} servers with the test configuration. */
    public static TandemCluster of(int servers) {
        return new TandemCluster(servers, UnaryOperator.identity(), false);
    }

    /** As {@link #of}, each server's configuration changed by {@code tweak}. */
    public static TandemCluster of(int servers, UnaryOperator<ServerConfig> tweak) {
        return new TandemCluster(servers, tweak, false);
    }

    /**
     * As this cluster, on a local redis-server (never REDIS_URL) that {@link #stopRedis} and
     * {@link #startRedisAgain} take down and bring back, empty, on the same port: an outage.
     */
    public TandemCluster withRestartableRedis() {
        TandemCluster restartable = new TandemCluster(size, tweak, true);
        restartable.beforeServers = beforeServers;
        return restartable;
    }

    /**
     * Runs {@code setUp} on the fresh Redis before the servers start (data an older version left behind, for
     * instance). Returns this cluster.
     */
    public TandemCluster withRedis(Consumer<RedisCommands<String, String>> setUp) {
        this.beforeServers = setUp;
        return this;
    }

    /** Starts it outside JUnit (a program that needs a cluster); stop it with {@link #close()}. */
    public TandemCluster startNow() {
        beforeAll(null);
        return this;
    }

    @Override
    public void close() {
        afterAll(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = restartableRedis ? startLocalRedis(0) : RedisRunner.start();
        beforeServers.accept(admin());
        for (int i = 1; i <= size; i++) {
            TandemServer server = TandemServer.start(tweak.apply(ServerConfig.forTests(redis.url(), "s" + i)));
            configs.add(server.config().withPort(server.port()));
            servers.add(server);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        servers.forEach(TandemServer::stop);
        if (admin != null) {
            admin.close();
            adminClient.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
        if (redisDir != null) {
            deleteTree(redisDir);
        }
    }

    private RunningRedis startLocalRedis(int port) {
        try {
            if (redisDir == null) {
                redisDir = java.nio.file.Files.createTempDirectory("tandem-cluster-redis-");
            }
            return RedisRunner.startLocal(port, redisDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops Redis (a cluster {@link #withRestartableRedis}): every server loses it. */
    public void stopRedis() {
        if (!restartableRedis) {
            throw new IllegalStateException("not a cluster withRestartableRedis()");
        }
        redis.close();
    }

    /** Starts Redis again on its old port, empty (it keeps nothing on disk), after {@link #stopRedis}. */
    public void startRedisAgain() {
        if (admin != null) {
            admin.close();
            adminClient.shutdown();
            admin = null;
        }
        redis = startLocalRedis(redis.port());
    }

    /** Server {@code i}, counting from 1 like the ids s1, s2... */
    public TandemServer server(int i) {
        return servers.get(i - 1);
    }

    public int port(int i) {
        return configs.get(i - 1).port();
    }

    public RunningRedis redis() {
        return redis;
    }

    /** A synchronous Redis connection of the test's own, to look at or break what the servers keep. */
    public synchronized RedisCommands<String, String> admin() {
        if (admin == null) {
            adminClient = RedisClient.create(redis.url());
            admin = adminClient.connect();
        }
        return admin.sync();
    }

    /** Stops server {@code i} gracefully (its clients get 1001, its leases are given up). */
    public void stop(int i) {
        servers.get(i - 1).stop();
    }

    /** Starts server {@code i} again on its old port, empty-handed as after a crash. */
    public TandemServer restart(int i) {
        TandemServer server = TandemServer.start(configs.get(i - 1));
        servers.set(i - 1, server);
        return server;
    }

    /** Deletes a directory a test made (a Redis's files); best effort. */
    public static void deleteTree(java.nio.file.Path root) {
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // A temp dir: the OS cleans it eventually.
        }
    }

    /** A user name no other test uses. */
    public static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
