package dev.tandem.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of a bench run, parsed from {@code --flag value} (or {@code --flag=value}) arguments.
 * Immutable once parsed; a mistake in the arguments is an {@link IllegalArgumentException} naming it.
 */
public final class BenchOptions {
    public enum Scenario { fanout, connections, signins, todos }

    public enum WireProtocol { tandem, socketio }

    public Scenario scenario;
    /** Targets; client i connects to {@code urls.get(i % urls.size())} (repeat --url to spread clients). */
    public final List<URI> urls = new ArrayList<>();
    public WireProtocol protocol = WireProtocol.tandem;
    public int clients = 1000;
    public int senders = 10;
    /** Aggregate chat messages per second over all senders. */
    public double rate = 100;
    /** Chat text size in characters (ASCII, so bytes too). */
    public int size = 100;
    public double warmupSeconds = 5;
    public double durationSeconds = 15;
    /** todos: a client deletes instead of adding once its list holds this many items. */
    public int maxItems = 100;
    /** Longest wait after the run for in-flight deliveries. */
    public double drainSeconds = 10;
    /** New connections per second while the population opens. */
    public double connectRate = 500;
    /** Longest wait for the population to sign in, after the last connect. */
    public double connectTimeoutSeconds = 60;
    public int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    public String userPrefix = "bench-";
    /** Cluster secret for minting resume tokens (never printed or written to results). */
    public String secret;
    public Path json;
    /** A free-form tag for the results (e.g. the front door: direct, tandem-lb, haproxy). */
    public String label = "";
    /** The per-connection rate limit the servers were started with, as told by the caller (for the results). */
    public String rateLimitSetting = "";
    /** Processes whose resident memory the connections scenario reports, by name. */
    public final Map<String, Long> pids = new LinkedHashMap<>();

    public static final String USAGE = """
            Usage: java -jar tandem-bench.jar <fanout|connections|signins|todos> [flags]
                   java -jar tandem-bench.jar summarize RESULTS_DIR [P99_LIMIT_MS]
                   java -jar tandem-bench.jar hotspots FILE.jfr [--skip SECONDS] [--top N]

              --url ws://127.0.0.1:8080/ws   target (Tandem: the /ws URL; Socket.IO: the server root);
                                             repeat to spread clients round-robin over several
              --protocol tandem|socketio     wire protocol (default tandem)
              --clients N                    connected clients (fanout, connections, todos) or
                                             concurrent sign-in workers (signins)      [1000]
              --senders K                    fanout: clients that send (the first K)    [10]
              --rate R                       fanout: aggregate chat messages per second;
                                             todos: aggregate todo changes per second   [100]
              --max-items M                  todos: a client's list stays at most M items
                                             (it deletes instead of adding there)       [100]
              --size B                       fanout: chat text size in bytes (min 48)   [100]
              --warmup S                     seconds excluded from the figures          [5]
              --duration S                   measured seconds (connections: hold time)  [15]
              --drain S                      max seconds to wait for in-flight messages [10]
              --connect-rate C               new connections per second                 [500]
              --connect-timeout S            max seconds for all clients to sign in     [60]
              --threads T                    event-loop threads                         [cores]
              --user-prefix P                user names P0000, P0001, …                 [bench-]
              --secret S                     cluster secret for resume tokens
                                             (or env TANDEM_CLUSTER_SECRET; tandem fanout/connections)
              --rate-limit-setting TEXT      the servers' rate-limit setting, recorded in the results
              --pid NAME=PID                 a process to watch (repeatable): connections reports its
                                             memory per connection, fanout its CPU use
              --label TEXT                   tag recorded in the results (e.g. direct, haproxy)
              --json FILE                    write results as JSON
              --help                         this text

            Environment: TANDEM_CLUSTER_SECRET (resume-token secret), TANDEM_BENCH_PASSWORD (signins
            password, default a fixed bench password).
            """;

    /** Parses arguments; returns null when help was asked for. */
    public static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                if (o.scenario != null) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                o.scenario = enumValue(Scenario.class, "scenario", arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            o.set(name, value);
        }
        if (o.scenario == null) {
            throw new IllegalArgumentException("name a scenario: fanout, connections, signins or todos");
        }
        if (o.urls.isEmpty()) {
            o.urls.add(URI.create("ws://127.0.0.1:8080/ws"));
        }
        if (o.secret == null) {
            o.secret = System.getenv("TANDEM_CLUSTER_SECRET");
        }
        o.check();
        return o;
    }

    private void set(String name, String value) {
        switch (name) {
            case "url" -> urls.add(parseUrl(value));
            case "protocol" -> protocol = enumValue(WireProtocol.class, "protocol", value);
            case "clients" -> clients = positiveInt(name, value);
            case "senders" -> senders = positiveInt(name, value);
            case "rate" -> rate = positiveDouble(name, value);
            case "size" -> size = positiveInt(name, value);
            case "warmup" -> warmupSeconds = nonNegativeDouble(name, value);
            case "duration" -> durationSeconds = positiveDouble(name, value);
            case "max-items" -> maxItems = positiveInt(name, value);
            case "drain" -> drainSeconds = nonNegativeDouble(name, value);
            case "connect-rate" -> connectRate = positiveDouble(name, value);
            case "connect-timeout" -> connectTimeoutSeconds = positiveDouble(name, value);
            case "threads" -> threads = positiveInt(name, value);
            case "user-prefix" -> userPrefix = value;
            case "secret" -> secret = value;
            case "json" -> json = Path.of(value);
            case "label" -> label = value;
            case "rate-limit-setting" -> rateLimitSetting = value;
            case "pid" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--pid wants NAME=PID, got '" + value + "'");
                }
                pids.put(value.substring(0, eq), (long) positiveInt("pid", value.substring(eq + 1)));
            }
            default -> throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
        }
    }

    private void check() {
        if (scenario == Scenario.fanout && senders > clients) {
            throw new IllegalArgumentException("--senders (" + senders + ") cannot exceed --clients (" + clients + ")");
        }
        if (scenario == Scenario.fanout && size < 48) {
            throw new IllegalArgumentException("--size must be at least 48 bytes (the latency probe)");
        }
        if (size > dev.tandem.model.Limits.MAX_CHAT_TEXT) {
            throw new IllegalArgumentException("--size must be at most " + dev.tandem.model.Limits.MAX_CHAT_TEXT);
        }
        if (!userPrefix.matches("[a-z0-9][a-z0-9._-]{0,20}")) {
            throw new IllegalArgumentException("--user-prefix must be lowercase letters, digits, '.', '_', '-' (max 21)");
        }
        if (scenario == Scenario.todos && maxItems > dev.tandem.model.Limits.MAX_TODOS_PER_USER) {
            throw new IllegalArgumentException("--max-items must be at most " + dev.tandem.model.Limits.MAX_TODOS_PER_USER
                    + " (the server's limit per list)");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.todos) {
            throw new IllegalArgumentException("todos measures Tandem's todo lists; the Socket.IO peer has none");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.signins) {
            throw new IllegalArgumentException("signins measures Tandem's password sign-in; Socket.IO has none");
        }
        boolean needsToken = protocol == WireProtocol.tandem && scenario != Scenario.signins;
        if (needsToken && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException(
                    "the cluster secret is needed to mint resume tokens: --secret or env TANDEM_CLUSTER_SECRET");
        }
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + value);
        }
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be ws://host:port/..., got " + value);
        }
        return uri;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String what, String value) {
        try {
            return Enum.valueOf(type, value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(c.name());
            }
            throw new IllegalArgumentException("unknown " + what + " '" + value + "' (one of " + names + ")");
        }
    }

    private static int positiveInt(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + value + "'");
    }

    private static double positiveDouble(String name, String value) {
        double v = nonNegativeDouble(name, value);
        if (v == 0) {
            throw new IllegalArgumentException("--" + name + " must be above zero");
        }
        return v;
    }

    private static double nonNegativeDouble(String name, String value) {
        try {
            double v = Double.parseDouble(value);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--" + name + " must be a non-negative number, got '" + value + "'");
    }

    /** The parameters as recorded in results (the secret is left out on purpose). */
    /** The target of client {@code index}. */
    public URI urlFor(int index) {
        return urls.get(index % urls.size());
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.name());
        m.put("urls", urls.stream().map(URI::toString).toList());
        m.put("protocol", protocol.name());
        m.put("clients", clients);
        m.put("senders", senders);
        m.put("rate", rate);
        m.put("size", size);
        m.put("warmupSeconds", warmupSeconds);
        m.put("durationSeconds", durationSeconds);
        m.put("drainSeconds", drainSeconds);
        if (scenario == Scenario.todos) {
            m.put("maxItems", maxItems);
        }
        m.put("connectRate", connectRate);
        m.put("threads", threads);
        m.put("userPrefix", userPrefix);
        m.put("label", label);
        m.put("pids", pids);
        return m;
    }
}
