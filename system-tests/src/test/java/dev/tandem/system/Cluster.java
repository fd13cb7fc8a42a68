package dev.tandem.system;

import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real Redis and N real app servers (in this JVM, on random loopback ports), for system tests.
 * Start one per test class. Servers can be stopped and started again on the same port, as a crash and
 * restart would look to clients and to the proxy.
 */
public final class Cluster implements AutoCloseable {
    private final RunningRedis redis;
    private final List<ServerConfig> configs = new ArrayList<>();
    private final List<TandemServer> servers = new ArrayList<>();

    private Cluster(RunningRedis redis) {
        this.redis = redis;
    }

    /** Redis plus servers s1..sN with the test cluster secret ({@link ServerConfig#TEST_SECRET}). */
    public static Cluster start(int servers) {
        return start(servers, UnaryOperator.identity());
    }

    /** As {@link #start(int)}, with each server's config adjusted by {@code tweak}. */
    public static Cluster start(int servers, UnaryOperator<ServerConfig> tweak) {
        Cluster cluster = new Cluster(RedisRunner.start());
        try {
            for (int i = 1; i <= servers; i++) {
                TandemServer server = TandemServer.start(tweak.apply(ServerConfig.forTests(cluster.redis.url(), "s" + i)));
                cluster.configs.add(server.config().withPort(server.port()));
                cluster.servers.add(server);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public RunningRedis redis() {
        return redis;
    }

    /** Server {@code i}, counting from 1 like the ids s1, s2... */
    public TandemServer server(int i) {
        return servers.get(i - 1);
    }

    public int port(int i) {
        return configs.get(i - 1).port();
    }

    public int size() {
        return servers.size();
    }

    /** Stops server {@code i} gracefully (its clients get close 1001). */
    public void stop(int i) {
        servers.get(i - 1).stop();
    }

    /** Starts server {@code i} again on its old port. */
    public TandemServer restart(int i) {
        TandemServer server = TandemServer.start(configs.get(i - 1));
        servers.set(i - 1, server);
        return server;
    }

    @Override
    public void close() {
        for (TandemServer server : servers) {
            server.stop();
        }
        redis.close();
    }
}
