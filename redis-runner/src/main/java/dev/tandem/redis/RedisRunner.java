package dev.tandem.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way Tandem's tests, {@code ./tandem} and the bench get a Redis:
 * <ol>
 *   <li>{@code REDIS_URL} if set (used as is, never stopped);</li>
 *   <li>else {@code redis-server} found on PATH, started on a free port;</li>
 *   <li>else the redis-server binary shipped inside the embedded-redis jar, started the same way.</li>
 * </ol>
 * A Redis started by {@link #start()} or {@link #startLocal} keeps nothing on disk
 * ({@code --save "" --appendonly no}); one started by {@link #startPersistent} keeps its data in the
 * append-only file in its dir. Either is stopped by {@code close()}.
 */
public final class RedisRunner {
    private RedisRunner() {
    }

    /** A Redis for this process: REDIS_URL, or one we start on a free port under a fresh temp dir. */
    public static RunningRedis start() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            ExternalRedis external = ExternalRedis.parse(url.strip());
            if (!RedisPing.ping(external.host(), external.port())) {
                throw new IllegalStateException("REDIS_URL " + url + " does not answer PING");
            }
            return external;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tandem-redis-");
            return new TempDirRedis(startLocal(0, dir), dir);
        } catch (IOException e) {
            if (dir != null) {
                TempDirRedis.deleteTree(dir);
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a local, throw-away redis-server (never REDIS_URL).
     *
     * @param port 0 for a free port
     * @param dir  where Redis keeps its pid and log files (and where an embedded binary is unpacked)
     */
    public static LocalRedis startLocal(int port, Path dir) throws IOException {
        return startLocal(port, dir, Optional.empty());
    }

    /**
     * Starts a local redis-server that keeps its data in {@code dir} with the append-only file
     * ({@code --appendonly yes --appendfsync <fsync>}); started again on the same dir, after a
     * {@link LocalRedis#kill()} too, it replays that file. Same binary choice as {@link #startLocal(int, Path)}
     * (PATH, else embedded), never REDIS_URL.
     *
     * @param port 0 for a free port
     * @param dir  the data dir: the append-only file ({@code appendonly.aof} for Redis 6,
     *             {@code appendonlydir/} for Redis 7), pid and log files; an embedded binary goes to dir/bin
     */
    public static LocalRedis startPersistent(int port, Path dir, Fsync fsync) throws IOException {
        return startLocal(port, dir, Optional.of(fsync));
    }

    private static LocalRedis startLocal(int port, Path dir, Optional<Fsync> aof) throws IOException {
        Path binary = RedisBinary.find(dir.resolve("bin"));
        if (port != 0) {
            return RedisProcess.start(binary, port, dir, aof);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return RedisProcess.start(binary, freePort(), dir, aof);
            } catch (IOException e) {
                last = e; // Another process may have taken the port between probe and bind: try another.
            }
        }
        throw last;
    }

    /** A loopback TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
