package dev.tandem.lb.config;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Env;
import dev.tandem.cli.EnvDefaults;
import dev.tandem.lb.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The proxy's flags, each with its environment twin (the flag wins), parsed by picocli ({@link Cli}) into an
 * {@link LbConfig} and, with a certificate and key, a {@link TlsConfig}. A new setting is one annotated field
 * here, its line in {@link #build}, and its row in the README's flag table (ReadmeFlagsTest fails without it).
 * <p>
 * Values are read as text and converted here rather than by picocli, so that a bad one is named by where it
 * came from: {@code --port expects a whole number, got 'x'}, or {@code TANDEM_LB_PORT: --port ...} when the
 * variable gave it.
 * <p>
 * Threads: filled and read by the thread that parses, once.
 */
@Command(name = "java -jar tandem-lb.jar", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpWidth = 110,
        // picocli writes the "Usage: " heading itself.
        customSynopsis = "java -jar tandem-lb.jar --port 8080 --backend s1=http://127.0.0.1:7001"
                + " --backend s2=http://127.0.0.1:7002",
        descriptionHeading = "%n", optionListHeading = "%n", footerHeading = "%n",
        description = "Reverse proxy for Tandem: routes every request by its user (query ?user=, header"
                + " X-Tandem-User, or the affinity cookie) to one healthy backend, and relays WebSocket bytes after"
                + " the upgrade.",
        footer = {
            "Health: a backend that fails --fall checks in a row (or refuses a connection) gets no new connections"
                + " at once. Its open WebSocket tunnels are closed at once if a failure was hard (refused, reset,"
                + " closed, or a non-2xx answer such as the 503 of a server without Redis). If its checks only timed"
                + " out, the tunnels stay for --tunnel-close-grace-ms and are closed then unless it is up again (if"
                + " it is passing checks on its way up then, its next check decides); a hard failure during the"
                + " grace closes them at once. Grace 0 closes them on any down.",
            "",
            "Handback: when a down backend passes --rise checks again, every WebSocket tunnel on another backend"
                + " whose key now maps to it is closed (spread over --handback-spread-ms), so its client reconnects"
                + " and lands on it. Keyless tunnels and other keys are left alone. --handback false keeps open"
                + " tunnels where they are (only new connections go back).",
            "",
            "Timeouts: once a request head is in, an exchange that makes no progress for --response-timeout-ms"
                + " ends: 504 if the backend has not started its answer (or its 101), 408 if the client stopped"
                + " sending its body before any answer, else both connections are closed. Spliced WebSocket tunnels"
                + " have no timeout.",
            "",
            "TLS: with --tls-cert and --tls-key the proxy also serves https:// and wss:// on --tls-port (the plain"
                + " port stays unless --plain false). Keys: unencrypted PKCS#8 (RSA, EC, Ed25519); convert an old"
                + " 'BEGIN RSA PRIVATE KEY' with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem. SIGHUP"
                + " re-reads both files for new connections (open ones keep going); files that cannot be used keep"
                + " the old pair.",
            "",
            "GET /lb/status answers JSON with each backend's health, connections and tunnels."})
public final class ProxyOptions {
    /** The name --version and every error message start with. */
    public static final String PROGRAM = "tandem-lb";

    /** What the command line asked for. */
    public sealed interface Request permits Run, Exit {
    }

    /**
     * Run the proxy; {@code tls} is null unless a certificate and key were given, {@code metricsPort} null
     * unless Prometheus metrics were asked for.
     */
    public record Run(LbConfig config, TlsConfig tls, Integer metricsPort) implements Request {
    }

    /** Print {@code text} (to stdout when {@code code} is 0, else stderr) and exit with {@code code}. */
    public record Exit(String text, int code) implements Request {
    }

    /** Injected by picocli: which flags the command line itself had (the others come from a twin or default). */
    @Spec
    CommandSpec spec;

    @Env("TANDEM_LB_PORT")
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "port to listen on")
    String port;

    @Env("TANDEM_LB_HOST")
    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "address to listen on")
    String host;

    @Env("TANDEM_BACKENDS")
    @Option(names = "--backend", split = ",", paramLabel = "ID=URL",
            description = "backend as id=http://host:port, required; repeat the flag, or comma-separate in the"
                    + " env var")
    List<String> backends;

    @Env("TANDEM_LB_HEALTH_PATH")
    @Option(names = "--health-path", defaultValue = "/health", paramLabel = "PATH",
            description = "path of the active health check")
    String healthPath;

    @Env("TANDEM_LB_HEALTH_INTERVAL_MS")
    @Option(names = "--health-interval-ms", defaultValue = "1000", paramLabel = "MS",
            description = "time between health checks")
    String healthInterval;

    @Env("TANDEM_LB_HEALTH_TIMEOUT_MS")
    @Option(names = "--health-timeout-ms", defaultValue = "2000", paramLabel = "MS",
            description = "a check slower than this timed out")
    String healthTimeout;

    @Env("TANDEM_LB_FALL")
    @Option(names = "--fall", defaultValue = "2", paramLabel = "N",
            description = "failed checks in a row that mark a backend down")
    String fall;

    @Env("TANDEM_LB_RISE")
    @Option(names = "--rise", defaultValue = "2", paramLabel = "N",
            description = "good checks in a row that mark a backend up")
    String rise;

    @Env("TANDEM_LB_TUNNEL_CLOSE_GRACE_MS")
    @Option(names = "--tunnel-close-grace-ms", defaultValue = "5000", paramLabel = "MS",
            description = "tunnels of a backend down by check timeouts only are kept this long (see below)")
    String tunnelCloseGrace;

    @Env("TANDEM_LB_HANDBACK")
    @Option(names = "--handback", defaultValue = "true", paramLabel = "BOOL",
            description = "a backend that is up again gets its users' tunnels back (true or false, see below)")
    String handback;

    @Env("TANDEM_LB_HANDBACK_SPREAD_MS")
    @Option(names = "--handback-spread-ms", defaultValue = "2000", paramLabel = "MS",
            description = "spread the closes of a handback over this time (0 = all at once)")
    String handbackSpread;

    @Env("TANDEM_LB_HEAD_TIMEOUT_MS")
    @Option(names = "--head-timeout-ms", defaultValue = "10000", paramLabel = "MS",
            description = "a request head must arrive within this time, else 408")
    String headTimeout;

    @Env("TANDEM_LB_RESPONSE_TIMEOUT_MS")
    @Option(names = "--response-timeout-ms", defaultValue = "30000", paramLabel = "MS",
            description = "backend must start answering within this, else 504; also the longest pause in a body")
    String responseTimeout;

    @Env("TANDEM_LB_CONNECT_TIMEOUT_MS")
    @Option(names = "--connect-timeout-ms", defaultValue = "2000", paramLabel = "MS",
            description = "backend connect timeout (then out of routing, as if refused)")
    String connectTimeout;

    @Env("TANDEM_LB_DRAIN_MS")
    @Option(names = "--drain-ms", defaultValue = "10000", paramLabel = "MS",
            description = "on shutdown, time open requests get before all connections close")
    String drain;

    @Env("TANDEM_LB_MAX_REQUEST_LINE")
    @Option(names = "--max-request-line", defaultValue = "8192", paramLabel = "BYTES",
            description = "longest request line, else 414")
    String maxRequestLine;

    @Env("TANDEM_LB_MAX_HEADER_BYTES")
    @Option(names = "--max-header-bytes", defaultValue = "8192", paramLabel = "BYTES",
            description = "largest header block, else 431")
    String maxHeaderBytes;

    @Env("TANDEM_LB_COOKIE")
    @Option(names = "--cookie", defaultValue = LbConfig.DEFAULT_COOKIE, paramLabel = "NAME",
            description = "affinity cookie set for requests without a key")
    String cookie;

    @Env("TANDEM_LB_IO_THREADS")
    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "event loop threads (0 = 2 x cores)")
    String ioThreads;

    @Env("TANDEM_LB_TLS_CERT")
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain, leaf first: with --tls-key, serve https/wss on --tls-port")
    String tlsCert;

    @Env("TANDEM_LB_TLS_KEY")
    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of that certificate, unencrypted PKCS#8 (BEGIN PRIVATE KEY)")
    String tlsKey;

    @Env("TANDEM_LB_TLS_PORT")
    @Option(names = "--tls-port", defaultValue = "" + TlsConfig.DEFAULT_PORT, paramLabel = "PORT",
            description = "port of the TLS listener")
    String tlsPort;

    @Env("TANDEM_LB_METRICS_PORT")
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve Prometheus metrics at http://<host>:<port>/metrics (default: off); keep it off"
                    + " the public network")
    String metricsPort;

    @Env("TANDEM_LB_PLAIN")
    @Option(names = "--plain", defaultValue = "true", paramLabel = "BOOL",
            description = "with TLS on, keep plain http/ws on --port too (false: TLS only)")
    String plain;

    /** Parses {@code args} with {@code env} (a variable's value by name, null when unset). */
    public static Request parse(String[] args, Function<String, String> env) {
        ProxyOptions options = new ProxyOptions();
        if (Cli.parse(PROGRAM, ProxyOptions.class, options, args, env) instanceof Cli.Exit exit) {
            return new Exit(exit.text(), exit.code());
        }
        try {
            return options.build();
        } catch (ConfigException e) {
            return new Exit(Cli.Exit.usage(PROGRAM, e.getMessage()).text(), Cli.EXIT_USAGE);
        }
    }

    /** The --help text. */
    public static String help() {
        return Cli.help(Cli.command(new ProxyOptions(), name -> null));
    }

    private Run build() {
        int listenPort = read("--port", port, FlagValues::integer); // Listen checks the range
        LbConfig config = new LbConfig(
                new Listen(host, listenPort, read("--io-threads", ioThreads, FlagValues::integer)),
                read("--backend", backends, FlagValues::backends),
                new HealthRules(healthPath, read("--health-interval-ms", healthInterval, FlagValues::millis),
                        read("--health-timeout-ms", healthTimeout, FlagValues::millis),
                        read("--fall", fall, FlagValues::integer), read("--rise", rise, FlagValues::integer),
                        read("--tunnel-close-grace-ms", tunnelCloseGrace, FlagValues::millis)),
                new ExchangeLimits(read("--head-timeout-ms", headTimeout, FlagValues::millis),
                        read("--response-timeout-ms", responseTimeout, FlagValues::positiveMillis),
                        read("--connect-timeout-ms", connectTimeout, FlagValues::millis),
                        read("--drain-ms", drain, FlagValues::millis),
                        read("--max-request-line", maxRequestLine, FlagValues::integer),
                        read("--max-header-bytes", maxHeaderBytes, FlagValues::integer)),
                new HandbackRules(read("--handback", handback, FlagValues::bool),
                        read("--handback-spread-ms", handbackSpread, FlagValues::millis)),
                cookie);
        TlsConfig tls = tls(listenPort, read("--tls-port", tlsPort, FlagValues::port),
                read("--plain", plain, FlagValues::bool));
        Integer metrics = metricsPort == null ? null : read("--metrics-port", metricsPort, FlagValues::port);
        return new Run(config, tls, metrics);
    }

    /** TLS is on with both files; one without the other is a mistake, said here rather than ignored. */
    private TlsConfig tls(int listenPort, int port, boolean keepPlain) {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new ConfigException(tlsCert == null
                    ? "--tls-key needs --tls-cert (TANDEM_LB_TLS_CERT) too"
                    : "--tls-cert needs --tls-key (TANDEM_LB_TLS_KEY) too");
        }
        if (keepPlain && port == listenPort && listenPort != 0) {
            throw new ConfigException("--tls-port " + port + " is also --port; choose another, or --plain false");
        }
        return new TlsConfig(Path.of(tlsCert), Path.of(tlsKey), port, keepPlain);
    }

    /** A value converted by {@code parse}, whose error names the variable when the value came from there. */
    private <V, T> T read(String flag, V value, Parser<V, T> parse) {
        try {
            return parse.apply(flag, value);
        } catch (ConfigException e) {
            if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw e;
            }
            // Not on the command line, so its twin gave it: the declared defaults are all valid.
            throw new ConfigException(EnvDefaults.twin(spec.findOption(flag)).orElseThrow() + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Parser<V, T> {
        T apply(String flag, V value);
    }
}
