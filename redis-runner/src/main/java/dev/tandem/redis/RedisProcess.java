package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process we started: loopback only, no persistence, its own dir, pid file and log file.
 * Always stopped by {@link #close()}, and by a shutdown hook if the JVM exits first.
 */
final class RedisProcess implements RunningRedis {
    private static final String HOST = "127.0.0.1";

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

    /** Starts redis-server on {@code port} with {@code dir} for its files, and waits until it answers PING. */
    static RedisProcess start(Path binary, int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", dir.toAbsolutePath().toString(),
                "--pidfile", dir.resolve("redis-" + port + ".pid").toAbsolutePath().toString(),
                "--logfile", dir.resolve("redis-" + port + ".log").toAbsolutePath().toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".out").toFile())
                .start();
        RedisProcess redis = new RedisProcess(process, port, binary);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!RedisPing.ping(HOST, port)) {
            if (!process.isAlive()) {
                redis.close();
                throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port
                        + "; see " + dir.resolve("redis-" + port + ".log"));
            }
            if (System.nanoTime() > deadline) {
                redis.close();
                throw new IOException("redis-server did not answer PING on port " + port + " within 15 s");
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
    long pid() {
        return process.pid();
    }

    /** Waits for the process to exit (the foreground mode of {@link RedisMain}). */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        stop();
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
