package dev.tandem.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses flags, each with an environment-variable twin (the flag wins). Secrets come only from the
 * environment or a file, never from process arguments, where any local user could read them.
 */
final class CommandLine {
    /** Flag -> [environment variable, description]. Order is the --help order. */
    private static final Map<String, String[]> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--port", new String[] {"TANDEM_PORT", "HTTP/WebSocket port (default 7001)"});
        FLAGS.put("--host", new String[] {"TANDEM_HOST", "address to bind (default 0.0.0.0)"});
        FLAGS.put("--redis-url", new String[] {"REDIS_URL", "Redis to use (default redis://127.0.0.1:6379; rediss:// for TLS;"
                + " redis-sentinel://host:port,host:port#primary-name to follow a Sentinel failover)"});
        FLAGS.put("--server-id", new String[] {"TANDEM_SERVER_ID", "this server's name (default s<port>)"});
        FLAGS.put("--cluster-secret-file", new String[] {"TANDEM_CLUSTER_SECRET_FILE",
                "file holding the secret that signs resume tokens (or set TANDEM_CLUSTER_SECRET);"
                        + " all servers of a cluster must share it; random if unset"});
        FLAGS.put("--previous-secret-file", new String[] {"TANDEM_PREVIOUS_SECRET_FILE",
                "file holding the cluster secret a rotation replaced: tokens it signed still resume until they"
                        + " expire (7 days + 1 h after the file's modification time, the rotation); new tokens use"
                        + " the current secret"});
        FLAGS.put("--rate-limit", new String[] {"TANDEM_RATE_LIMIT",
                "messages per second per connection, and per user over all their connections (default 20)"});
        FLAGS.put("--rate-burst", new String[] {"TANDEM_RATE_BURST", "burst above the rate (default 2 x rate)"});
        FLAGS.put("--trusted-proxies", new String[] {"TANDEM_TRUSTED_PROXIES",
                "comma-separated IP addresses whose X-Forwarded-For names the client (default 127.0.0.1,::1);"
                        + " every other peer is itself the client address"});
        FLAGS.put("--metrics-port", new String[] {"TANDEM_METRICS_PORT",
                "serve Prometheus metrics at http://<host>:<port>/metrics (default: off); keep it off the public network"});
        FLAGS.put("--pbkdf2-iterations", new String[] {"TANDEM_PBKDF2_ITERATIONS",
                "work factor for new password hashes (default 210000)"});
    }

    /** What the command line asked for: run with a config, or print something and exit. */
    record Parsed(ServerConfig config, String output, int exitCode, Integer metricsPort) {
        Parsed(ServerConfig config, String output, int exitCode) {
            this(config, output, exitCode, null);
        }
    }

    private CommandLine() {
    }

    static Parsed parse(String[] args, Function<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(null, help(), 0);
            }
            if (arg.equals("--version")) {
                return new Parsed(null, "tandem-server " + Version.get(), 0);
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!FLAGS.containsKey(flag)) {
                return new Parsed(null, "unknown option " + arg + "\n\n" + help(), 2);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return new Parsed(null, flag + " needs a value", 2);
                }
                value = args[++i];
            }
            values.put(flag, value);
        }
        FLAGS.forEach((flag, twin) -> {
            String fromEnv = env.apply(twin[0]);
            if (!values.containsKey(flag) && fromEnv != null && !fromEnv.isBlank()) {
                values.put(flag, fromEnv.strip());
            }
        });
        try {
            Integer metricsPort = values.containsKey("--metrics-port") ? intValue(values, "--metrics-port", 0, 0, 65535) : null;
            return new Parsed(build(values, env), null, 0, metricsPort);
        } catch (IllegalArgumentException | IOException e) {
            return new Parsed(null, "error: " + e.getMessage(), 2);
        }
    }

    private static ServerConfig build(Map<String, String> values, Function<String, String> env) throws IOException {
        int port = intValue(values, "--port", ServerConfig.DEFAULT_PORT, 0, 65535);
        String redisUrl = values.getOrDefault("--redis-url", "redis://127.0.0.1:6379");
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://") && !redisUrl.startsWith("redis-sentinel://")) {
            throw new IllegalArgumentException("--redis-url must start with redis://, rediss:// or redis-sentinel://");
        }
        String serverId = values.getOrDefault("--server-id", "s" + port);
        if (!serverId.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("--server-id must be 1-32 letters, digits, '.', '_' or '-'");
        }
        ServerConfig config = ServerConfig.defaults(redisUrl, serverId).withPort(port)
                .withHost(values.getOrDefault("--host", "0.0.0.0"));
        int rate = intValue(values, "--rate-limit", config.messagesPerSecond(), 1, 1_000_000);
        int burst = intValue(values, "--rate-burst", rate * 2, 1, 10_000_000);
        config = config.withRateLimit(rate, burst)
                .withPbkdf2Iterations(intValue(values, "--pbkdf2-iterations", config.pbkdf2Iterations(), 1_000, 10_000_000));
        if (values.containsKey("--trusted-proxies")) {
            config = config.withLimits(config.limits().withTrustedProxies(trustedProxies(values.get("--trusted-proxies"))));
        }
        byte[] secret = secret(values.get("--cluster-secret-file"), env.apply("TANDEM_CLUSTER_SECRET"));
        if (secret != null) {
            config = config.withClusterSecret(secret);
        }
        String previousFile = values.get("--previous-secret-file");
        return previousFile == null ? config : config.withPreviousSecret(previousSecret(previousFile));
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

    private static byte[] secret(String file, String fromEnv) {
        String secret = null;
        if (file != null) {
            secret = readSecret("cluster secret file", Path.of(file));
        } else if (fromEnv != null && !fromEnv.isBlank()) {
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
    private static ServerConfig.PreviousSecret previousSecret(String file) throws IOException {
        Path path = Path.of(file);
        String secret = readSecret("previous secret file", path);
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the previous secret in " + file + " must be at least 16 characters");
        }
        return new ServerConfig.PreviousSecret(secret.getBytes(StandardCharsets.UTF_8),
                Files.getLastModifiedTime(path).toInstant());
    }

    private static String readSecret(String what, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private static int intValue(Map<String, String> values, String flag, int fallback, int min, int max) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(flag + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got \"" + value + "\"");
        }
    }

    static String help() {
        StringBuilder out = new StringBuilder("usage: java -jar tandem-server.jar [options]\n\n"
                + "Options (each also read from the environment variable shown; the flag wins):\n");
        FLAGS.forEach((flag, twin) -> out.append(String.format("  %-27s %-28s %s%n", flag + " <v>", twin[0], twin[1])));
        out.append(String.format("  %-27s %-28s %s%n", "", "TANDEM_CLUSTER_SECRET", "the cluster secret itself"));
        out.append(String.format("  %-27s %s%n  %-27s %s%n", "--version", "print the version", "--help", "this help"));
        return out.toString();
    }
}
