package dev.tandem.redis;

import dev.tandem.cli.Cli;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of {@code tandem-redis.jar}, parsed by picocli ({@link Cli}). Flags only: it is a local helper
 * that {@code ./tandem} and the bench start, with nothing to configure from the environment.
 * <p>
 * Threads: filled and read by the main thread, once.
 */
@Command(name = "java -jar tandem-redis.jar", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "java -jar tandem-redis.jar [options]",
        header = "Runs redis-server from PATH, else the embedded binary, in the foreground.")
final class RedisOptions {
    static final String PROGRAM = "tandem-redis";

    @Option(names = "--port", defaultValue = "6379", description = "port of the Redis it runs")
    int port;

    @Option(names = "--dir", defaultValue = ".tandem/redis", description = "working (data) directory of that Redis")
    Path dir;

    @Option(names = "--appendonly", defaultValue = "no", paramLabel = "yes|no",
            description = "yes: keep the data in --dir with the append-only file; no: nothing on disk")
    String appendonly;

    @Option(names = "--appendfsync", paramLabel = "everysec|always|no",
            description = "fsync policy of that file (default everysec; implies --appendonly yes)")
    String appendfsync;

    /** The parsed flags, checked: a persistence setting, or what to print and the exit status. */
    record Parsed(int port, Path dir, boolean appendonly, Fsync fsync, Cli.Exit exit) {
    }

    static Parsed parse(String[] args, Function<String, String> env) {
        RedisOptions options = new RedisOptions();
        if (Cli.parse(PROGRAM, RedisOptions.class, options, args, env) instanceof Cli.Exit exit) {
            return new Parsed(0, null, false, null, exit);
        }
        if (options.port < 1 || options.port > 65535) {
            return usage("--port must be a number between 1 and 65535, got '" + options.port + "'");
        }
        if (!options.appendonly.equals("yes") && !options.appendonly.equals("no")) {
            return usage("--appendonly must be yes or no, got '" + options.appendonly + "'");
        }
        Fsync fsync = Fsync.EVERYSEC;
        if (options.appendfsync != null) {
            try {
                fsync = Fsync.parse(options.appendfsync);
            } catch (IllegalArgumentException e) {
                return usage("--appendfsync must be everysec, always or no, got '" + options.appendfsync + "'");
            }
        }
        boolean persistent = options.appendonly.equals("yes") || options.appendfsync != null;
        return new Parsed(options.port, options.dir, persistent, fsync, null);
    }

    private static Parsed usage(String message) {
        return new Parsed(0, null, false, null, Cli.Exit.usage(PROGRAM, message));
    }
}
