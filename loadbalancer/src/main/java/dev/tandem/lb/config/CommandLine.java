package dev.tandem.lb.config;

import dev.tandem.lb.tls.TlsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns command-line flags and their environment twins into an {@link LbConfig}. A flag wins over its
 * environment variable; both fall back to the documented default. Every flag takes a value
 * ({@code --port 8080} or {@code --port=8080}), except {@code --help} and {@code --version}.
 */
public final class CommandLine {

    /** What the command line asked for. */
    public sealed interface Request permits Run, Help, Version {
    }

    /**
     * Run the proxy; {@code tls} is null unless a certificate and key were given, {@code metricsPort} null
     * unless Prometheus metrics were asked for.
     */
    public record Run(LbConfig config, TlsConfig tls, Integer metricsPort) implements Request {
        public Run(LbConfig config) {
            this(config, null, null);
        }

        public Run(LbConfig config, TlsConfig tls) {
            this(config, tls, null);
        }
    }

    public record Help(String text) implements Request {
    }

    public record Version() implements Request {
    }

    /** One flag: its name, environment twin, default shown in --help, and how it changes the settings. */
    private record Option(String flag, String env, String defaultText, String help,
                          BiFunction<Settings, String, Settings> apply) {
    }

    /** Mutable accumulator; only used while parsing, on the parsing thread. */
    private static final class Settings {
        final LbConfig defaults = LbConfig.defaults(List.of(new BackendSpec("placeholder", "localhost", 1)));
        String host = defaults.listen().host();
        int port = defaults.listen().port();
        List<BackendSpec> backends = new ArrayList<>();
        boolean backendsFromFlags;
        String healthPath = defaults.health().path();
        Duration healthInterval = defaults.health().interval();
        Duration healthTimeout = defaults.health().timeout();
        int fall = defaults.health().fall();
        int rise = defaults.health().rise();
        Duration tunnelCloseGrace = defaults.health().tunnelCloseGrace();
        Duration headTimeout = defaults.limits().headTimeout();
        Duration responseTimeout = defaults.limits().responseTimeout();
        Duration connectTimeout = defaults.limits().connectTimeout();
        Duration drainTimeout = defaults.limits().drainTimeout();
        int maxHeadLine = defaults.limits().maxHeadLine();
        int maxHeaderBytes = defaults.limits().maxHeaderBytes();
        String cookie = defaults.affinityCookie();
        int ioThreads = defaults.listen().ioThreads();
        boolean handback = defaults.handback().enabled();
        Duration handbackSpread = defaults.handback().spread();
        Integer metricsPort;
        String tlsCert;
        String tlsKey;
        int tlsPort = TlsConfig.DEFAULT_PORT;
        boolean plain = true;

        /** TLS is on with both files; one without the other is a mistake, said here rather than ignored. */
        TlsConfig tls() {
            if (tlsCert == null && tlsKey == null) {
                return null;
            }
            if (tlsCert == null || tlsKey == null) {
                throw new ConfigException(tlsCert == null
                        ? "--tls-key needs --tls-cert (TANDEM_LB_TLS_CERT) too"
                        : "--tls-cert needs --tls-key (TANDEM_LB_TLS_KEY) too");
            }
            if (plain && tlsPort == port && port != 0) {
                throw new ConfigException("--tls-port " + tlsPort + " is also --port; choose another, or --plain false");
            }
            return new TlsConfig(Path.of(tlsCert), Path.of(tlsKey), tlsPort, plain);
        }

        LbConfig build() {
            return new LbConfig(new Listen(host, port, ioThreads), backends,
                    new HealthRules(healthPath, healthInterval, healthTimeout, fall, rise, tunnelCloseGrace),
                    new ExchangeLimits(headTimeout, responseTimeout, connectTimeout, drainTimeout, maxHeadLine,
                            maxHeaderBytes),
                    new HandbackRules(handback, handbackSpread), cookie);
        }
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("--port", "TANDEM_LB_PORT", "8080", "port to listen on",
                    (s, v) -> { s.port = integer("--port", v); return s; }),
            new Option("--host", "TANDEM_LB_HOST", "0.0.0.0", "address to listen on",
                    (s, v) -> { s.host = v; return s; }),
            new Option("--backend", "TANDEM_BACKENDS", "(required)",
                    "backend as id=http://host:port; repeat the flag, or comma-separate in the env var",
                    CommandLine::addBackends),
            new Option("--health-path", "TANDEM_LB_HEALTH_PATH", "/health", "path of the active health check",
                    (s, v) -> { s.healthPath = v; return s; }),
            new Option("--health-interval-ms", "TANDEM_LB_HEALTH_INTERVAL_MS", "1000", "time between health checks",
                    (s, v) -> { s.healthInterval = millis("--health-interval-ms", v); return s; }),
            new Option("--health-timeout-ms", "TANDEM_LB_HEALTH_TIMEOUT_MS", "2000", "a check slower than this timed out",
                    (s, v) -> { s.healthTimeout = millis("--health-timeout-ms", v); return s; }),
            new Option("--fall", "TANDEM_LB_FALL", "2", "failed checks in a row that mark a backend down",
                    (s, v) -> { s.fall = integer("--fall", v); return s; }),
            new Option("--rise", "TANDEM_LB_RISE", "2", "good checks in a row that mark a backend up",
                    (s, v) -> { s.rise = integer("--rise", v); return s; }),
            new Option("--tunnel-close-grace-ms", "TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "5000",
                    "tunnels of a backend down by check timeouts only are kept this long (see below)",
                    (s, v) -> { s.tunnelCloseGrace = millis("--tunnel-close-grace-ms", v); return s; }),
            new Option("--handback", "TANDEM_LB_HANDBACK", "true",
                    "a backend that is up again gets its users' tunnels back (true or false, see below)",
                    (s, v) -> { s.handback = bool("--handback", v); return s; }),
            new Option("--handback-spread-ms", "TANDEM_LB_HANDBACK_SPREAD_MS", "2000",
                    "spread the closes of a handback over this time (0 = all at once)",
                    (s, v) -> { s.handbackSpread = millis("--handback-spread-ms", v); return s; }),
            new Option("--head-timeout-ms", "TANDEM_LB_HEAD_TIMEOUT_MS", "10000",
                    "a request head must arrive within this time, else 408",
                    (s, v) -> { s.headTimeout = millis("--head-timeout-ms", v); return s; }),
            new Option("--response-timeout-ms", "TANDEM_LB_RESPONSE_TIMEOUT_MS", "30000",
                    "backend must start answering within this, else 504; also the longest pause in a body",
                    (s, v) -> { s.responseTimeout = positiveMillis("--response-timeout-ms", v); return s; }),
            new Option("--connect-timeout-ms", "TANDEM_LB_CONNECT_TIMEOUT_MS", "2000",
                    "backend connect timeout (then out of routing, as if refused)",
                    (s, v) -> { s.connectTimeout = millis("--connect-timeout-ms", v); return s; }),
            new Option("--drain-ms", "TANDEM_LB_DRAIN_MS", "10000",
                    "on shutdown, time open requests get before all connections close",
                    (s, v) -> { s.drainTimeout = millis("--drain-ms", v); return s; }),
            new Option("--max-request-line", "TANDEM_LB_MAX_REQUEST_LINE", "8192", "longest request line, else 414",
                    (s, v) -> { s.maxHeadLine = integer("--max-request-line", v); return s; }),
            new Option("--max-header-bytes", "TANDEM_LB_MAX_HEADER_BYTES", "8192", "largest header block, else 431",
                    (s, v) -> { s.maxHeaderBytes = integer("--max-header-bytes", v); return s; }),
            new Option("--cookie", "TANDEM_LB_COOKIE", LbConfig.DEFAULT_COOKIE,
                    "affinity cookie set for requests without a key",
                    (s, v) -> { s.cookie = v; return s; }),
            new Option("--io-threads", "TANDEM_LB_IO_THREADS", "0", "event loop threads (0 = 2 x cores)",
                    (s, v) -> { s.ioThreads = integer("--io-threads", v); return s; }),
            new Option("--tls-cert", "TANDEM_LB_TLS_CERT", "(none)",
                    "PEM certificate chain, leaf first: with --tls-key, serve https/wss on --tls-port",
                    (s, v) -> { s.tlsCert = v; return s; }),
            new Option("--tls-key", "TANDEM_LB_TLS_KEY", "(none)",
                    "PEM private key of that certificate, unencrypted PKCS#8 (BEGIN PRIVATE KEY)",
                    (s, v) -> { s.tlsKey = v; return s; }),
            new Option("--tls-port", "TANDEM_LB_TLS_PORT", String.valueOf(TlsConfig.DEFAULT_PORT),
                    "port of the TLS listener",
                    (s, v) -> { s.tlsPort = port("--tls-port", v); return s; }),
            new Option("--metrics-port", "TANDEM_LB_METRICS_PORT", "off",
                    "serve Prometheus metrics at http://<host>:<port>/metrics; keep it off the public network",
                    (s, v) -> { s.metricsPort = port("--metrics-port", v); return s; }),
            new Option("--plain", "TANDEM_LB_PLAIN", "true",
                    "with TLS on, keep plain http/ws on --port too (false: TLS only)",
                    (s, v) -> { s.plain = bool("--plain", v); return s; }));

    private CommandLine() {
    }

    /**
     * Parses the arguments with the given environment.
     *
     * @throws ConfigException with a message naming the bad flag or variable
     */
    public static Request parse(String[] args, Map<String, String> env) {
        Settings settings = new Settings();
        // Environment first, flags after: a flag overrides its twin.
        for (Option o : OPTIONS) {
            String v = env.get(o.env());
            if (v != null && !v.isBlank()) {
                try {
                    o.apply().apply(settings, v.trim());
                } catch (ConfigException e) {
                    throw new ConfigException(o.env() + ": " + e.getMessage());
                }
            }
        }
        Map<String, Option> byFlag = new LinkedHashMap<>();
        OPTIONS.forEach(o -> byFlag.put(o.flag(), o));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help(help());
            }
            if (arg.equals("--version")) {
                return new Version();
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option o = byFlag.get(name);
            if (o == null) {
                throw new ConfigException("unknown argument '" + arg + "' (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(name + " needs a value");
                }
                value = args[++i];
            }
            if (o.flag().equals("--backend") && !settings.backendsFromFlags) {
                // --backend flags replace TANDEM_BACKENDS rather than adding to it.
                settings.backends = new ArrayList<>();
                settings.backendsFromFlags = true;
            }
            o.apply().apply(settings, value);
        }
        return new Run(settings.build(), settings.tls(), settings.metricsPort);
    }

    /** The --help text: every flag with its environment twin and default. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar tandem-lb.jar --port 8080 --backend s1=http://127.0.0.1:7001 "
                + "--backend s2=http://127.0.0.1:7002\n\n");
        sb.append("Reverse proxy for Tandem: routes every request by its user (query ?user=, header X-Tandem-User,\n");
        sb.append("or the affinity cookie) to one healthy backend, and relays WebSocket bytes after the upgrade.\n\n");
        sb.append(String.format("  %-26s %-32s %-8s %s%n", "flag", "environment", "default", "meaning"));
        for (Option o : OPTIONS) {
            sb.append(String.format("  %-26s %-32s %-8s %s%n", o.flag() + " V", o.env(), o.defaultText(), o.help()));
        }
        sb.append(String.format("  %-26s %-32s %-8s %s%n", "--help", "", "", "print this and exit"));
        sb.append(String.format("  %-26s %-32s %-8s %s%n", "--version", "", "", "print the version and exit"));
        sb.append("\nHealth: a backend that fails --fall checks in a row (or refuses a connection) gets no new\n");
        sb.append("connections at once. Its open WebSocket tunnels are closed at once if a failure was hard (refused,\n");
        sb.append("reset, closed, or a non-2xx answer such as the 503 of a server without Redis). If its checks only\n");
        sb.append("timed out, the tunnels stay for --tunnel-close-grace-ms and are closed then unless it is up again\n");
        sb.append("(if it is passing checks on its way up then, its next check decides); a hard failure during the\n");
        sb.append("grace closes them at once. Grace 0 closes them on any down.\n");
        sb.append("\nHandback: when a down backend passes --rise checks again, every WebSocket tunnel on another\n");
        sb.append("backend whose key now maps to it is closed (spread over --handback-spread-ms), so its client\n");
        sb.append("reconnects and lands on it. Keyless tunnels and other keys are left alone. --handback false keeps\n");
        sb.append("open tunnels where they are (only new connections go back).\n");
        sb.append("\nTimeouts: once a request head is in, an exchange that makes no progress for\n");
        sb.append("--response-timeout-ms ends: 504 if the backend has not started its answer (or its 101), 408 if the\n");
        sb.append("client stopped sending its body before any answer, else both connections are closed. Spliced\n");
        sb.append("WebSocket tunnels have no timeout.\n");
        sb.append("\nTLS: with --tls-cert and --tls-key the proxy also serves https:// and wss:// on --tls-port (the plain\n");
        sb.append("port stays unless --plain false). Keys: unencrypted PKCS#8 (RSA, EC, Ed25519); convert an old\n");
        sb.append("'BEGIN RSA PRIVATE KEY' with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem. SIGHUP re-reads\n");
        sb.append("both files for new connections (open ones keep going); files that cannot be used keep the old pair.\n");
        sb.append("\nGET /lb/status answers JSON with each backend's health, connections and tunnels.\n");
        return sb.toString();
    }

    private static Settings addBackends(Settings s, String value) {
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                s.backends.add(BackendSpec.parse(part));
            }
        }
        return s;
    }

    private static boolean bool(String flag, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new ConfigException(flag + " expects true or false, got '" + v + "'");
        };
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " expects a whole number, got '" + v + "'");
        }
    }

    private static int port(String flag, String v) {
        int p = integer(flag, v);
        if (p < 0 || p > 65535) {
            throw new ConfigException(flag + " must be a port from 0 to 65535, got " + p);
        }
        return p;
    }

    private static Duration positiveMillis(String flag, String v) {
        Duration d = millis(flag, v);
        if (d.isZero()) {
            throw new ConfigException(flag + " must be positive, got 0");
        }
        return d;
    }

    private static Duration millis(String flag, String v) {
        int ms = integer(flag, v);
        if (ms < 0) {
            throw new ConfigException(flag + " must not be negative, got " + ms);
        }
        return Duration.ofMillis(ms);
    }
}
