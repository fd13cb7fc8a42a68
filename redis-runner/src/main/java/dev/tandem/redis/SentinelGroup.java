package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A highly available Redis on this machine, as a team would run it (scaled down): a primary, one replica
 * and three Sentinels with a quorum of two, all the same redis-server binary ({@link RedisBinary}), on free
 * loopback ports under one dir. Servers connect through {@link #url()} ({@code redis-sentinel://…}), which
 * names the Sentinels, not the primary, so they follow a failover. Throw-away: nothing is kept on disk.
 *
 * <p>Threads: the getters, {@link #killPrimary()} and {@link #close()} may be called from any thread; the
 * processes are thread-safe and the list of them is fixed at start.
 */
public final class SentinelGroup implements AutoCloseable {
    /** The name the Sentinels monitor the primary under: the fragment of {@link #url()}. */
    public static final String MASTER_NAME = "tandem";
    private static final String HOST = "127.0.0.1";
    /** Short, so that a test's failover takes seconds: a real deployment keeps the default 30 s or a few s. */
    private static final long DOWN_AFTER_MILLIS = 1000;

    private final RedisProcess primary;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels;

    private SentinelGroup(RedisProcess primary, RedisProcess replica, List<RedisProcess> sentinels) {
        this.primary = primary;
        this.replica = replica;
        this.sentinels = sentinels;
    }

    /**
     * Starts the five processes and returns once the replica is in sync and every Sentinel knows the replica
     * and the two other Sentinels, so that a failover can happen from then on.
     */
    public static SentinelGroup start(Path dir) throws IOException {
        Path binary = RedisBinary.find(dir.resolve("bin"));
        List<RedisProcess> started = new ArrayList<>();
        try {
            RedisProcess primary = RedisProcess.start(binary, RedisRunner.freePort(), dir.resolve("primary"), Optional.empty());
            started.add(primary);
            RedisProcess replica = RedisProcess.start(binary, RedisRunner.freePort(), dir.resolve("replica"), Optional.empty(),
                    List.of("--replicaof", HOST, Integer.toString(primary.port())));
            started.add(replica);
            List<RedisProcess> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RedisProcess sentinel = RedisProcess.startSentinel(binary, RedisRunner.freePort(), dir.resolve("sentinel" + i),
                        MASTER_NAME, primary.port(), 2, DOWN_AFTER_MILLIS);
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            SentinelGroup group = new SentinelGroup(primary, replica, List.copyOf(sentinels));
            group.awaitReady(Duration.ofSeconds(60));
            return group;
        } catch (IOException | RuntimeException e) {
            started.forEach(RedisProcess::close);
            throw e;
        }
    }

    /** {@code redis-sentinel://host:port,host:port,host:port#tandem}: Lettuce's form, which the server takes. */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> HOST + ":" + s.port()).collect(Collectors.joining(","))
                + "#" + MASTER_NAME;
    }

    /** The primary this group started with (it stays the same object after a failover: see {@link #primaryPort()}). */
    public LocalRedis firstPrimary() {
        return primary;
    }

    public LocalRedis firstReplica() {
        return replica;
    }

    /** The port of the primary as the first Sentinel that answers reports it now. */
    public int primaryPort() throws IOException {
        IOException last = null;
        for (RedisProcess sentinel : sentinels) {
            try {
                Object reply = RespCall.call(HOST, sentinel.port(), "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
                return Integer.parseInt((String) ((List<?>) reply).get(1));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no Sentinel answered", last);
    }

    /**
     * The replication offset the replica has processed: {@code master_repl_offset} of the replica's
     * {@code INFO replication} (the primary's is the same field on the primary).
     */
    public static long replicationOffset(RunningRedis redis) throws IOException {
        String info = (String) RespCall.call(redis.host(), redis.port(), "INFO", "replication");
        return Long.parseLong(field(info, "master_repl_offset"));
    }

    /** SIGKILL of the first primary, as a crash would. */
    public void killPrimary() {
        primary.kill();
    }

    /** Waits until the Sentinels report a primary other than the first; returns its port. */
    public int awaitFailover(Duration timeout) throws IOException {
        awaitCondition(timeout, "the Sentinels promoted the replica", () -> {
            try {
                return primaryPort() != primary.port();
            } catch (IOException e) {
                return false;
            }
        });
        return primaryPort();
    }

    private void awaitReady(Duration timeout) throws IOException {
        awaitCondition(timeout, "the replica in sync", () -> "up".equals(infoField(replica, "master_link_status")));
        for (RedisProcess sentinel : sentinels) {
            awaitCondition(timeout, "Sentinel " + sentinel.port() + " knows the replica and two other Sentinels", () -> {
                try {
                    Map<String, String> master = pairs(RespCall.call(HOST, sentinel.port(), "SENTINEL", "master", MASTER_NAME));
                    return "1".equals(master.get("num-slaves")) && "2".equals(master.get("num-other-sentinels"));
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static String infoField(RedisProcess redis, String name) {
        try {
            return field((String) RespCall.call(HOST, redis.port(), "INFO", "replication"), name);
        } catch (IOException e) {
            return null;
        }
    }

    private static String field(String info, String name) throws IOException {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new IOException("INFO has no " + name);
    }

    private static Map<String, String> pairs(Object reply) {
        List<?> list = (List<?>) reply;
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put((String) list.get(i), (String) list.get(i + 1));
        }
        return map;
    }

    private static void awaitCondition(Duration timeout, String what, BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50); // polling an outside process: there is nothing to be notified by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        replica.close();
        primary.close();
    }
}
