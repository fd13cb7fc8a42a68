package dev.tandem.redis;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code java -jar tandem-redis.jar --port P --dir D}: runs Redis in the foreground until it exits or this
 * process is stopped (SIGTERM stops Redis too). Used by {@code ./tandem} and {@code bench/run.sh}.
 */
public final class RedisMain {
    private RedisMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 6379;
        Path dir = Path.of(".tandem", "redis");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar tandem-redis.jar [--port 6379] [--dir .tandem/redis] [--version]");
                    System.out.println("Runs redis-server from PATH, else the embedded binary, in the foreground.");
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
        RedisProcess redis = (RedisProcess) RedisRunner.startLocal(port, dir);
        System.out.println("redis ready on " + redis.url() + " (pid " + redis.pid() + ", " + redis.source() + ")");
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

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
