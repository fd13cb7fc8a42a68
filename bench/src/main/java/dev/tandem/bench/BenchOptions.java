package dev.tandem.bench;

import dev.tandem.cli.Cli;
import dev.tandem.cli.Env;
import dev.tandem.model.Limits;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every setting of a bench run, parsed by picocli ({@link Cli}) like every other Tandem jar: one annotated
 * field per flag, the flags of one scenario only in a mixin of their own ({@link RoomsFlags},
 * {@link DesktopFlags}), cross-flag rules in {@link #check()}. A new flag is a field, its rule, and its row in
 * the README's flag table (ReadmeFlagsTest fails without it).
 * <p>
 * Only the cluster secret has an environment twin, the one the servers read (TANDEM_CLUSTER_SECRET): every
 * other flag describes one run, and run.sh passes them as flags. The password of the password scenarios is
 * read from the environment only (TANDEM_BENCH_PASSWORD, see {@link BenchRun}).
 * <p>
 * Threads: filled by the thread that parses, once; read-only afterwards, by any thread.
 */
@Command(name = "java -jar tandem-bench.jar", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"java -jar tandem-bench.jar SCENARIO [flags]",
                "       java -jar tandem-bench.jar summarize RESULTS_DIR [P99_LIMIT_MS]",
                "       java -jar tandem-bench.jar hotspots FILE.jfr [--skip SECONDS] [--top N]"},
        header = "Tandem's load generator: one scenario against running servers, one result.",
        footer = {"", "Environment: TANDEM_CLUSTER_SECRET (the --secret twin), TANDEM_BENCH_PASSWORD (the password of"
                + " signins and desktop; default a fixed bench password).",
                "summarize reads a directory of JSON results (tables, ratios, summary.json); hotspots reads a JFR"
                + " recording (CPU by thread, hottest frames, allocations, GC)."})
public final class BenchOptions {
    public enum Scenario { fanout, rooms, connections, signins, todos, desktop, flood }

    public enum WireProtocol { tandem, socketio }

    static final String PROGRAM = "tandem-bench";

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "one of: ${COMPLETION-CANDIDATES}")
    public Scenario scenario;

    /** Targets; client i connects to {@code urls.get(i % urls.size())} (repeat --url to spread clients). */
    @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8080/ws", converter = WsUrl.class,
            description = "target (Tandem: the /ws URL; Socket.IO: the server root); repeat to spread clients"
                    + " round-robin over several")
    public List<URI> urls;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "tandem",
            description = "wire protocol: ${COMPLETION-CANDIDATES}")
    public WireProtocol protocol;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000",
            description = "connected clients (fanout, rooms, connections, todos), concurrent sign-in workers"
                    + " (signins), the flooder's windows (flood)")
    public int clients;

    @Option(names = "--senders", paramLabel = "K", defaultValue = "10",
            description = "fanout: clients that send (the first K)")
    public int senders;

    /** Aggregate chat messages (todos: changes) per second over all senders. */
    @Option(names = "--rate", paramLabel = "R", defaultValue = "100",
            description = "messages/s in all: fanout's chat, rooms' to the small rooms, todos' changes, flood's"
                    + " posts")
    public double rate;

    /** Chat text size in characters (ASCII, so bytes too). */
    @Option(names = "--size", paramLabel = "B", defaultValue = "100",
            description = "chat text size in bytes (fanout, rooms: at least 48, the latency probe)")
    public int size;

    @Mixin
    public RoomsFlags room = new RoomsFlags();

    /** flood: each bystander's own messages per second. */
    @Option(names = "--probe-rate", paramLabel = "P", defaultValue = "5",
            description = "flood: each bystander's own messages per second")
    public double probeRate;

    /** todos: a client deletes instead of adding once its list holds this many items; desktop: the account's todos. */
    @Option(names = "--max-items", paramLabel = "M", defaultValue = "100",
            description = "todos: a client's list stays at most M items (it deletes instead of adding there);"
                    + " desktop: todos of the bench account (0 allowed)")
    public int maxItems;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "5", description = "seconds excluded from the figures")
    public double warmupSeconds;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "15",
            description = "measured seconds (connections: hold time)")
    public double durationSeconds;

    /** Longest wait after the run for in-flight deliveries. */
    @Option(names = "--drain", paramLabel = "S", defaultValue = "10",
            description = "max seconds to wait for in-flight messages")
    public double drainSeconds;

    /** New connections per second while the population opens. */
    @Option(names = "--connect-rate", paramLabel = "C", defaultValue = "500", description = "new connections per second")
    public double connectRate;

    /** How many machines the clients look like to the servers' per-address limits. */
    @Option(names = "--client-addresses", paramLabel = "N", defaultValue = "0",
            description = "on a loopback target, clients connect from N addresses 127.1.x.y (client i from the"
                    + " i mod N-th); 0: each from its own, as users on their own machines")
    public int clientAddresses;

    /** Longest wait for the population to sign in, after the last connect. */
    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "60",
            description = "max seconds for all clients to sign in")
    public double connectTimeoutSeconds;

    @Option(names = "--threads", paramLabel = "T", description = "event-loop threads (default: the core count)")
    public int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--user-prefix", paramLabel = "P", defaultValue = "bench-",
            description = "user names P0000, P0001, ... (lowercase letters, digits, '.', '_', '-'; max 21)")
    public String userPrefix;

    /** Cluster secret for minting resume tokens (never printed or written to results). */
    @Env("TANDEM_CLUSTER_SECRET")
    @Option(names = "--secret", paramLabel = "S",
            description = "cluster secret for resume tokens (tandem protocol, all but signins and desktop);"
                    + " prefer the variable: arguments are visible to every local user")
    public String secret;

    /** The per-connection rate limit the servers were started with, as told by the caller (for the results). */
    @Option(names = "--rate-limit-setting", paramLabel = "TEXT",
            description = "the servers' rate-limit setting, recorded in the results")
    public String rateLimitSetting = "";

    @Option(names = "--pid", paramLabel = "NAME=PID",
            description = "a process to watch (repeatable): its CPU use; connections: its memory per connection")
    List<String> pidFlags = new ArrayList<>();

    /** Processes whose CPU (and, in connections, memory) the run reports, by name: the --pid flags. */
    public final Map<String, Long> pids = new LinkedHashMap<>();

    /** A free-form tag for the results (e.g. the front door: direct, tandem-lb, haproxy). */
    @Option(names = "--label", paramLabel = "TEXT", description = "tag recorded in the results (e.g. direct, haproxy)")
    public String label = "";

    @Option(names = "--json", paramLabel = "FILE", description = "write the results as JSON")
    public Path json;

    @Mixin
    public DesktopFlags desktop = new DesktopFlags();

    /** What the command line asked for: run with {@code options}, or print {@code exit}'s text and exit. */
    public record Parsed(BenchOptions options, Cli.Exit exit) {
    }

    /** Parses {@code args}, the cluster secret's twin from {@code env} ({@code System::getenv} in the jar). */
    public static Parsed parse(String[] args, Function<String, String> env) {
        BenchOptions o = new BenchOptions();
        if (Cli.parse(PROGRAM, BenchOptions.class, o, args, env) instanceof Cli.Exit exit) {
            return new Parsed(null, exit);
        }
        try {
            o.check();
        } catch (IllegalArgumentException e) {
            return new Parsed(null, Cli.Exit.usage(PROGRAM, e.getMessage()));
        }
        return new Parsed(o, null);
    }

    /** For callers with fixed arguments (tests): the options, or an IllegalArgumentException with the message. */
    public static BenchOptions of(Function<String, String> env, String... args) {
        Parsed parsed = parse(args, env);
        if (parsed.exit() != null) {
            throw new IllegalArgumentException(parsed.exit().text());
        }
        return parsed.options();
    }

    private void check() {
        FlagRules.positive("--clients", clients);
        FlagRules.positive("--senders", senders);
        FlagRules.notNegative("--client-addresses", clientAddresses);
        FlagRules.positive("--size", size);
        FlagRules.positive("--rate", rate);
        FlagRules.positive("--probe-rate", probeRate);
        FlagRules.notNegative("--warmup", warmupSeconds);
        FlagRules.positive("--duration", durationSeconds);
        FlagRules.notNegative("--drain", drainSeconds);
        FlagRules.positive("--connect-rate", connectRate);
        FlagRules.positive("--connect-timeout", connectTimeoutSeconds);
        FlagRules.positive("--threads", threads);
        for (String flag : pidFlags) {
            pids.put(pidName(flag), pidNumber(flag));
        }
        if (scenario == Scenario.desktop) {
            FlagRules.notNegative("--max-items", maxItems); // an empty list is a start worth timing too
        } else {
            FlagRules.positive("--max-items", maxItems);
        }
        if ((scenario == Scenario.todos || scenario == Scenario.desktop) && maxItems > Limits.MAX_TODOS_PER_USER) {
            throw new IllegalArgumentException("--max-items must be at most " + Limits.MAX_TODOS_PER_USER
                    + " (the server's limit per list)");
        }
        if (scenario == Scenario.fanout && senders > clients) {
            throw new IllegalArgumentException("--senders (" + senders + ") cannot exceed --clients (" + clients + ")");
        }
        if ((scenario == Scenario.fanout || scenario == Scenario.rooms) && size < 48) {
            throw new IllegalArgumentException("--size must be at least 48 bytes (the latency probe)");
        }
        if (size > Limits.MAX_CHAT_TEXT) {
            throw new IllegalArgumentException("--size must be at most " + Limits.MAX_CHAT_TEXT);
        }
        if (!userPrefix.matches("[a-z0-9][a-z0-9._-]{0,20}")) {
            throw new IllegalArgumentException("--user-prefix must be lowercase letters, digits, '.', '_', '-' (max 21)");
        }
        if (scenario == Scenario.flood && (protocol != WireProtocol.tandem || urls.size() != 2)) {
            throw new IllegalArgumentException("flood takes two --url (the flooder's server, then another) and the tandem protocol");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.todos) {
            throw new IllegalArgumentException("todos measures Tandem's todo lists; the Socket.IO peer has none");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.signins) {
            throw new IllegalArgumentException("signins measures Tandem's password sign-in; Socket.IO has none");
        }
        if (scenario == Scenario.rooms) {
            room.check(this);
        }
        if (scenario == Scenario.desktop) {
            desktop.check(this);
        }
        if (needsResumeTokens() && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException(
                    "the cluster secret is needed to mint resume tokens: --secret or env TANDEM_CLUSTER_SECRET");
        }
    }

    private static String pidName(String flag) {
        int eq = flag.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--pid wants NAME=PID, got '" + flag + "'");
        }
        return flag.substring(0, eq);
    }

    private static long pidNumber(String flag) {
        try {
            long pid = Long.parseLong(flag.substring(flag.indexOf('=') + 1));
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new IllegalArgumentException("--pid wants NAME=PID with a positive PID, got '" + flag + "'");
    }

    /** Password sign-ins (signins, desktop) and the Socket.IO peer need no resume tokens. */
    public boolean needsResumeTokens() {
        return protocol == WireProtocol.tandem && scenario != Scenario.signins && scenario != Scenario.desktop;
    }

    /** The target of client {@code index}. */
    public URI urlFor(int index) {
        return urls.get(index % urls.size());
    }

    /** The parameters as recorded in results (the secret is left out on purpose). */
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
        if (scenario == Scenario.todos || scenario == Scenario.desktop) {
            m.put("maxItems", maxItems);
        }
        if (scenario == Scenario.rooms) {
            room.describe(m);
        }
        if (scenario == Scenario.flood) {
            m.put("probeRate", probeRate);
        }
        if (scenario == Scenario.desktop) {
            desktop.describe(m);
        }
        m.put("connectRate", connectRate);
        m.put("clientAddresses", clientAddresses);
        m.put("threads", threads);
        m.put("userPrefix", userPrefix);
        m.put("label", label);
        m.put("pids", pids);
        return m;
    }
}
