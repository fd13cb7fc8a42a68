package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process we started: loopback only, its own dir, pid file and log file; either throw-away
 * ({@code --save "" --appendonly no}) or persistent (the append-only file in its dir, with an fsync policy).
 * Always stopped by {@link #close()}, and by a shutdown hook if the JVM exits first.
 *
 * <p>Threads: any thread may call {@link #close()}, {@link #kill()} and the getters; the shutdown hook runs
 * {@code stop()} on the JVM's shutdown thread. The only state is the {@link Process}, which is thread-safe,
 * and stopping a process twice is harmless.
 */
final class RedisProcess implements LocalRedis {
    private static final String HOST = "127.0.0.1";
    private static final int START_SECONDS = 60;

    private final Process process;
    private final int port;
    private final Path binary;
    private final Thread shutdownHook;

    private RedisProcess(Process process, int port, Path binary) {
        this.process = process;
        this.port = port;
        this.binary = binary;
        this.shutdownHook = new Thread(this::stop, "redis-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts redis-server on {@code port} with {@code dir} for its files, and waits until it answers PING.
     *
     * @param aof empty for a throw-away Redis; else the append-only file in {@code dir} with this fsync policy
     */
    static RedisProcess start(Path binary, int port, Path dir, Optional<Fsync> aof) throws IOException {
        return start(binary, port, dir, aof, List.of());
    }

    /** As {@link #start(Path, int, Path, Optional)}, with more redis-server arguments (e.g. {@code --replicaof}). */
    static RedisProcess start(Path binary, int port, Path dir, Optional<Fsync> aof, List<String> extra) throws IOException {
        Files.createDirectories(dir);
        if (aof.isPresent()) {
            refuseOlderRedisOnNewerFiles(binary, dir);
        }
        List<String> command = new ArrayList<>(command(binary, port, dir, aof));
        command.addAll(extra);
        return launch(binary, port, dir, command);
    }

    /**
     * A Redis Sentinel on {@code port} watching the primary at {@code primaryPort} under {@code masterName},
     * with a quorum of {@code quorum}; it declares the primary down after {@code downAfterMillis}. Sentinel
     * rewrites its config file as it learns, so each gets its own in {@code dir}.
     */
    static RedisProcess startSentinel(Path binary, int port, Path dir, String masterName, int primaryPort, int quorum,
                                      long downAfterMillis) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(config, String.join("\n",
                "port " + port,
                "bind " + HOST,
                "daemonize no",
                "dir " + dir.toAbsolutePath(),
                "logfile " + dir.resolve("sentinel-" + port + ".log").toAbsolutePath(),
                "sentinel monitor " + masterName + " " + HOST + " " + primaryPort + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " " + downAfterMillis,
                "sentinel failover-timeout " + masterName + " " + Math.max(3 * downAfterMillis, 3000),
                ""));
        return launch(binary, port, dir, List.of(binary.toString(), config.toAbsolutePath().toString(), "--sentinel"));
    }

    private static RedisProcess launch(Path binary, int port, Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".out").toFile())
                .start();
        RedisProcess redis = new RedisProcess(process, port, binary);
        // Generous: a persistent Redis answers PING only once it has replayed its append-only file.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!RedisPing.ping(HOST, port)) {
            if (!process.isAlive()) {
                redis.close();
                throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port
                        + "; see " + dir.resolve("redis-" + port + ".log"));
            }
            if (System.nanoTime() > deadline) {
                redis.close();
                throw new IOException("redis-server did not answer PING on port " + port + " within " + START_SECONDS
                        + " s; see " + dir.resolve("redis-" + port + ".log"));
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                redis.close();
                throw new IOException("interrupted while starting Redis", e);
            }
        }
        return redis;
    }

    /**
     * Redis 7 keeps its append-only file as {@code appendonlydir/}; Redis 6 (the embedded binary) reads only
     * {@code appendonly.aof} and would start empty on such a dir, so it must not start there.
     */
    private static void refuseOlderRedisOnNewerFiles(Path binary, Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("appendonlydir")) && RedisBinary.majorVersion(binary) < 7) {
            throw new IOException(dir + " holds the data of a Redis 7 (appendonlydir/), but " + binary
                    + " is an older Redis that cannot read it and would start empty;"
                    + " put a redis-server 7 on PATH (e.g. apt-get install redis-server)");
        }
    }

    /** The one place the redis-server command line is built, for every kind of Redis we start. */
    static List<String> command(Path binary, int port, Path dir, Optional<Fsync> aof) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--save", "", // never RDB snapshots: a persistent Redis relies on the append-only file alone
                "--daemonize", "no",
                "--dir", dir.toAbsolutePath().toString(),
                "--pidfile", dir.resolve("redis-" + port + ".pid").toAbsolutePath().toString(),
                "--logfile", dir.resolve("redis-" + port + ".log").toAbsolutePath().toString()));
        if (aof.isPresent()) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", aof.get().wireName()));
        } else {
            command.addAll(List.of("--appendonly", "no"));
        }
        return command;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String source() {
        return binary.toString();
    }

    /** The OS process id, for the bench's memory figures and for ./tandem's pid files. */
    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void kill() {
        removeShutdownHook();
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server " + pid() + " to die", e);
        }
    }

    /** Waits for the process to exit (the foreground mode of {@link RedisMain}). */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        stop();
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        RedisPing.shutdown(HOST, port);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
