package dev.tandem.server;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server's flags, each with its environment twin (the flag wins), parsed by picocli ({@link Cli}). A new
 * setting is one annotated field here, its line in {@link #build}, and its row in the README's configuration
 * table (ReadmeFlagsTest fails without it). Secrets come only from the environment or a file, never from
 * process arguments, where any local user could read them.
 * <p>
 * Threads: filled and read by the thread that parses, once.
 */
@Command(name = "java -jar tandem-server.jar", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "java -jar tandem-server.jar [options]",
        header = "Tandem app server: WebSocket chat and todos, Redis behind.",
        footer = {"", "TANDEM_CLUSTER_SECRET holds the cluster secret itself (instead of --cluster-secret-file)."})
final class ServerOptions {
    static final String PROGRAM = "tandem-server";

    @Env("TANDEM_PORT")
    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "HTTP/WebSocket port")
    int port;

    @Env("TANDEM_HOST")
    @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind")
    String host;

    @Env("REDIS_URL")
    @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
            description = "Redis to use (rediss:// for TLS; redis-sentinel://host:port,host:port#primary-name"
                    + " follows a Sentinel failover)")
    String redisUrl;

    @Env("TANDEM_SERVER_ID")
    @Option(names = "--server-id", description = "this server's name (default s<port>)")
    String serverId;

    @Env("TANDEM_CLUSTER_SECRET_FILE")
    @Option(names = "--cluster-secret-file", paramLabel = "<file>",
            description = "file holding the secret that signs resume tokens (or set TANDEM_CLUSTER_SECRET);"
                    + " all servers of a cluster must share it; random if unset")
    Path clusterSecretFile;

    @Env("TANDEM_PREVIOUS_SECRET_FILE")
    @Option(names = "--previous-secret-file", paramLabel = "<file>",
            description = "file holding the secret a rotation replaced: its tokens still resume until 7 days"
                    + " + 1 h after the file's modification time; new tokens use the current secret")
    Path previousSecretFile;

    @Env("TANDEM_REDIS_MIN_REPLICAS")
    @Option(names = "--redis-min-replicas", defaultValue = "0",
            description = "acknowledge a chat message or todo change only once this many Redis replicas have it"
                    + " (WAIT, 1 s at most; else the sender is told unavailable and resends); 0: once the primary has it")
    int redisMinReplicas;

    @Env("TANDEM_RATE_LIMIT")
    @Option(names = "--rate-limit", defaultValue = "" + dev.tandem.model.Limits.DEFAULT_MESSAGES_PER_SECOND,
            description = "messages per second per connection, and per user over all their connections")
    int rateLimit;

    @Env("TANDEM_TRUSTED_PROXIES")
    @Option(names = "--trusted-proxies", paramLabel = "<ip,ip>",
            description = "IP addresses whose X-Forwarded-For names the client (default: loopback); every other"
                    + " peer is itself the client address")
    String trustedProxies;

    @Env("TANDEM_RATE_BURST")
    @Option(names = "--rate-burst", description = "burst above the rate (default 2 x rate)")
    Integer rateBurst;

    @Env("TANDEM_METRICS_PORT")
    @Option(names = "--metrics-port",
            description = "serve Prometheus metrics at http://<host>:<port>/metrics (default: off);"
                    + " keep it off the public network")
    Integer metricsPort;

    @Env("TANDEM_PBKDF2_ITERATIONS")
    @Option(names = "--pbkdf2-iterations", defaultValue = "" + ServerConfig.DEFAULT_PBKDF2_ITERATIONS,
            description = "work factor for new password hashes")
    int pbkdf2Iterations;

    /**
     * What the command line asked for: run with a config, or print {@code output} and exit.
     * {@code secretGiven} is false when the cluster secret is a random one (tokens then work on this server only).
     */
    record Parsed(ServerConfig config, String output, int exitCode, Integer metricsPort, boolean secretGiven) {
    }

    static Parsed parse(String[] args, Function<String, String> env) {
        ServerOptions options = new ServerOptions();
        if (Cli.parse(PROGRAM, ServerOptions.class, options, args, env) instanceof Cli.Exit exit) {
            return new Parsed(null, exit.text(), exit.code(), null, false);
        }
        try {
            return new Parsed(options.build(env), null, 0, options.metricsPort,
                    options.clusterSecretFile != null || !isBlank(env.apply("TANDEM_CLUSTER_SECRET")));
        } catch (IllegalArgumentException | IOException e) {
            return new Parsed(null, Cli.Exit.usage(PROGRAM, e.getMessage()).text(), Cli.EXIT_USAGE, null, false);
        }
    }

    private ServerConfig build(Function<String, String> env) throws IOException {
        range("--port", port, 0, 65535);
        if (metricsPort != null) {
            range("--metrics-port", metricsPort, 0, 65535);
        }
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://") && !redisUrl.startsWith("redis-sentinel://")) {
            throw new IllegalArgumentException("--redis-url must start with redis://, rediss:// or redis-sentinel://");
        }
        String id = serverId != null ? serverId : "s" + port;
        if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("--server-id must be 1-32 letters, digits, '.', '_' or '-'");
        }
        int burst = rateBurst != null ? rateBurst : rateLimit * 2;
        ServerConfig config = ServerConfig.defaults(redisUrl, id).withPort(port).withHost(host)
                .withRateLimit(range("--rate-limit", rateLimit, 1, 1_000_000), range("--rate-burst", burst, 1, 10_000_000))
                .withPbkdf2Iterations(range("--pbkdf2-iterations", pbkdf2Iterations, 1_000, 10_000_000))
                .withRedisMinReplicas(range("--redis-min-replicas", redisMinReplicas, 0, 16));
        if (trustedProxies != null) {
            config = config.withLimits(config.limits().withTrustedProxies(trustedProxies(trustedProxies)));
        }
        byte[] secret = secret(clusterSecretFile, env.apply("TANDEM_CLUSTER_SECRET"));
        if (secret != null) {
            config = config.withClusterSecret(secret);
        }
        return previousSecretFile == null ? config : config.withPreviousSecret(previousSecret(previousSecretFile));
    }

    /** IP literals only: a host name would be resolved once, and could then point elsewhere. */
    static java.util.List<String> trustedProxies(String list) {
        java.util.List<String> proxies = new java.util.ArrayList<>();
        for (String part : list.split(",")) {
            String ip = part.strip();
            if (ip.isEmpty()) {
                continue;
            }
            if (!ip.matches("[0-9A-Fa-f:.]{2,45}")) {
                throw new IllegalArgumentException("--trusted-proxies takes IP addresses, not " + ip);
            }
            proxies.add(ip);
        }
        return proxies;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int range(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static byte[] secret(Path file, String fromEnv) {
        String secret = null;
        if (file != null) {
            secret = readSecret("cluster secret file", file);
        } else if (!isBlank(fromEnv)) {
            secret = fromEnv.strip();
        }
        if (secret == null) {
            return null;
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the cluster secret must be at least 16 characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The retired secret and when it was retired: the file's modification time. The server, not the script
     * that rotates, decides when to stop trusting it, because only the server sees every token it is shown,
     * for as long as it runs: a script that stopped passing the file after a week would change nothing in a
     * server that has been running since before, nor in servers started by hand or on other machines. The
     * time travels with the file (copy it with {@code cp -p} / {@code scp -p}; a plain copy only starts the
     * week again from the copy), and nothing else has to be kept in step with it.
     */
    private static ServerConfig.PreviousSecret previousSecret(Path file) throws IOException {
        String secret = readSecret("previous secret file", file);
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the previous secret in " + file + " must be at least 16 characters");
        }
        return new ServerConfig.PreviousSecret(secret.getBytes(StandardCharsets.UTF_8),
                Files.getLastModifiedTime(file).toInstant());
    }

    private static String readSecret(String what, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }
}
