package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code java -jar tandem-redis.jar --port P --dir D [--appendonly yes] [--appendfsync everysec|always|no]}:
 * runs Redis in the foreground until it exits or this process is stopped (SIGTERM stops Redis too). Without
 * {@code --appendonly yes} (or an {@code --appendfsync}) the Redis keeps nothing on disk. Used by
 * {@code ./tandem} (persistent) and {@code bench/run.sh}.
 */
public final class RedisMain {
    private RedisMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        RedisOptions.Parsed options = RedisOptions.parse(args, System::getenv);
        if (options.exit() != null) {
            (options.exit().code() == 0 ? System.out : System.err).println(options.exit().text());
            System.exit(options.exit().code());
            return;
        }
        int port = options.port();
        Path dir = options.dir();
        boolean appendonly = options.appendonly();
        Fsync fsync = options.fsync();
        if (RedisPing.ping("127.0.0.1", port)) {
            System.err.println("port " + port + " already has a Redis answering; not starting another");
            System.exit(3);
        }
        RedisProcess redis;
        try {
            redis = (RedisProcess) (appendonly
                    ? RedisRunner.startPersistent(port, dir, fsync)
                    : RedisRunner.startLocal(port, dir));
        } catch (IOException e) {
            System.err.println("tandem-redis: " + e.getMessage());
            System.exit(1);
            return;
        }
        String keeps = appendonly ? "appendonly " + fsync.wireName() + " in " + dir.toAbsolutePath() : "not persisted";
        System.out.println("redis ready on " + redis.url() + " (pid " + redis.pid() + ", " + redis.source() + ")");
        System.out.println("redis data: " + keeps);
        int exit = redis.waitFor();
        System.out.println("redis-server exited with " + exit + " (its own log: "
                + dir.resolve("redis-" + port + ".log").toAbsolutePath() + ")");
        System.exit(exit);
    }
}
