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
        int port = 6379;
        Path dir = Path.of(".tandem", "redis");
        boolean appendonly = false;
        Fsync fsync = Fsync.EVERYSEC;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--appendonly" -> appendonly = yesNo(value(args, ++i, "--appendonly"));
                case "--appendfsync" -> {
                    fsync = fsync(value(args, ++i, "--appendfsync"));
                    appendonly = true;
                }
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar tandem-redis.jar [--port 6379] [--dir .tandem/redis]"
                            + " [--appendonly yes|no] [--appendfsync everysec|always|no] [--version]");
                    System.out.println("Runs redis-server from PATH, else the embedded binary, in the foreground.");
                    System.out.println("  --appendonly yes      keep the data in --dir (append-only file); default no:"
                            + " nothing on disk");
                    System.out.println("  --appendfsync POLICY  fsync policy of that file (implies --appendonly yes);"
                            + " default everysec");
                    return;
                }
                case "--version" -> {
                    System.out.println("tandem-redis " + version());
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (RedisPing.ping("127.0.0.1", port)) {
            System.err.println("port " + port + " already has a Redis answering; not starting another");
            System.exit(3);
        }
        RedisProcess redis = (RedisProcess) (appendonly
                ? RedisRunner.startPersistent(port, dir, fsync)
                : RedisRunner.startLocal(port, dir));
        String keeps = appendonly ? "appendonly " + fsync.wireName() + " in " + dir.toAbsolutePath() : "not persisted";
        System.out.println("redis ready on " + redis.url() + " (pid " + redis.pid() + ", " + redis.source() + ")");
        System.out.println("redis data: " + keeps);
        int exit = redis.waitFor();
        System.exit(exit);
    }

    /** From the jar's manifest (the shade plugin writes the pom's version there); "dev" outside the jar. */
    static String version() {
        String version = RedisMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        System.err.println("--port must be a number between 1 and 65535, got '" + text + "'");
        System.exit(2);
        return -1;
    }

    private static boolean yesNo(String text) {
        switch (text) {
            case "yes" -> {
                return true;
            }
            case "no" -> {
                return false;
            }
            default -> {
                System.err.println("--appendonly must be yes or no, got '" + text + "'");
                System.exit(2);
                return false;
            }
        }
    }

    private static Fsync fsync(String text) {
        try {
            return Fsync.parse(text);
        } catch (IllegalArgumentException e) {
            System.err.println("--appendfsync must be everysec, always or no, got '" + text + "'");
            System.exit(2);
            return Fsync.EVERYSEC;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
