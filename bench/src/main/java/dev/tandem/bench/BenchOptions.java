package dev.tandem.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a bench run, parsed from {@code --flag value} (or {@code --flag=value}) arguments.
 * Immutable once parsed; a mistake in the arguments is an {@link IllegalArgumentException} naming it.
 */
public final class BenchOptions {
    public enum Scenario { fanout, rooms, connections, signins, todos, desktop, flood }

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
    /** rooms: small rooms (each with one sender posting rate / rooms), and members in each. */
    public int rooms = 100;
    public int roomSize = 10;
    /** rooms: messages per second to general (everyone), over {@link #bigSenders} senders. */
    public double bigRate = 20;
    public int bigSenders = 10;
    /** flood: each bystander's own messages per second. */
    public double probeRate = 5;
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
    /** desktop: the fat jar of the desktop app to start. */
    public Path desktopJar = Path.of("desktop-client", "target", "tandem-desktop.jar");
    /** desktop: extra JVM arguments for the app (none by default: the app as people start it). */
    public List<String> desktopJvmArgs = List.of();
    /** desktop: measured starts of each kind (restore, cold, signin, version). */
    public int runs = 5;
    /** desktop: chat messages the bench account posts before the app first starts. */
    public int history = dev.tandem.model.Limits.HISTORY_ON_SIGN_IN;
    /** desktop: longest wait for each of the app's start-up lines (and for its saved copy). */
    public double startTimeoutSeconds = 120;
    /** desktop: where the app's data, settings and logs go; null: a temporary directory, deleted after a clean run. */
    public Path workDir;

    public static final String USAGE = """
            Usage: java -jar tandem-bench.jar <fanout|rooms|connections|signins|todos|desktop|flood> [flags]
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
            rooms (every client in general; the first R x M also in one of R rooms of M):
              --rooms R                      small rooms, one sender each               [100]
              --room-size M                  members of each small room                 [10]
              --rate R                       messages/s to the small rooms in all       [100]
              --big-rate G                   messages/s to general in all               [20]
              --big-senders K                clients posting to general                 [10]
            flood (one user's windows flood general on the first --url; a bystander there and
            one on the second --url time their own messages; cut windows come back at once):
              --clients N                    the flooder's windows (e.g. 50)
              --rate R                       the flood's messages/s in all, spread over its windows
              --probe-rate P                 each bystander's own messages per second   [5]
              --max-items M                  todos: a client's list stays at most M items
                                             (it deletes instead of adding there);
                                             desktop: todos of the bench account        [100]
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
            desktop (the app's start-up, timed from its own log; needs a display: DISPLAY or
            WAYLAND_DISPLAY, e.g. under xvfb-run -a; one --url, the server or proxy the app uses):
              --desktop-jar FILE             the app's fat jar [desktop-client/target/tandem-desktop.jar]
              --desktop-jvm-args "ARGS"      extra JVM arguments for the app            [none]
              --runs R                       measured starts of each kind               [5]
              --history N                    chat messages the bench account posts
                                             (0 with --max-items 0 on an empty server:
                                             an empty saved copy)                       [100]
              --start-timeout S              max seconds for each start-up line         [120]
              --work-dir DIR                 the app's data, settings and logs (kept)
                                             [a temporary directory, deleted if all went well]
              --help                         this text

            Environment: TANDEM_CLUSTER_SECRET (resume-token secret), TANDEM_BENCH_PASSWORD (signins
            and desktop password, default a fixed bench password).
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
                o.scenario = FlagValues.enumValue(Scenario.class, "scenario", arg);
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
            throw new IllegalArgumentException("name a scenario: fanout, rooms, connections, signins, todos, desktop or flood");
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
            case "url" -> urls.add(FlagValues.wsUrl(value));
            case "protocol" -> protocol = FlagValues.enumValue(WireProtocol.class, "protocol", value);
            case "clients" -> clients = FlagValues.positiveInt(name, value);
            case "senders" -> senders = FlagValues.positiveInt(name, value);
            case "rate" -> rate = FlagValues.positiveDouble(name, value);
            case "size" -> size = FlagValues.positiveInt(name, value);
            case "warmup" -> warmupSeconds = FlagValues.nonNegativeDouble(name, value);
            case "duration" -> durationSeconds = FlagValues.positiveDouble(name, value);
            case "rooms" -> rooms = FlagValues.positiveInt(name, value);
            case "room-size" -> roomSize = FlagValues.positiveInt(name, value);
            case "big-rate" -> bigRate = FlagValues.positiveDouble(name, value);
            case "big-senders" -> bigSenders = FlagValues.positiveInt(name, value);
            case "probe-rate" -> probeRate = FlagValues.positiveDouble(name, value);
            case "max-items" -> maxItems = FlagValues.nonNegativeInt(name, value); // desktop: 0 = an empty list
            case "drain" -> drainSeconds = FlagValues.nonNegativeDouble(name, value);
            case "connect-rate" -> connectRate = FlagValues.positiveDouble(name, value);
            case "connect-timeout" -> connectTimeoutSeconds = FlagValues.positiveDouble(name, value);
            case "threads" -> threads = FlagValues.positiveInt(name, value);
            case "user-prefix" -> userPrefix = value;
            case "secret" -> secret = value;
            case "json" -> json = Path.of(value);
            case "label" -> label = value;
            case "rate-limit-setting" -> rateLimitSetting = value;
            case "desktop-jar" -> desktopJar = Path.of(value);
            case "desktop-jvm-args" -> desktopJvmArgs = List.copyOf(FlagValues.words(value));
            case "runs" -> runs = FlagValues.positiveInt(name, value);
            case "history" -> history = FlagValues.nonNegativeInt(name, value);
            case "start-timeout" -> startTimeoutSeconds = FlagValues.positiveDouble(name, value);
            case "work-dir" -> workDir = Path.of(value);
            case "pid" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--pid wants NAME=PID, got '" + value + "'");
                }
                pids.put(value.substring(0, eq), (long) FlagValues.positiveInt("pid", value.substring(eq + 1)));
            }
            default -> throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
        }
    }

    private void check() {
        if (scenario == Scenario.fanout && senders > clients) {
            throw new IllegalArgumentException("--senders (" + senders + ") cannot exceed --clients (" + clients + ")");
        }
        if (scenario == Scenario.rooms && (long) rooms * roomSize > clients) {
            throw new IllegalArgumentException("--rooms x --room-size (" + rooms * roomSize + ") cannot exceed --clients ("
                    + clients + ")");
        }
        if (scenario == Scenario.rooms && bigSenders > clients) {
            throw new IllegalArgumentException("--big-senders cannot exceed --clients");
        }
        if (scenario == Scenario.flood && (protocol != WireProtocol.tandem || urls.size() != 2)) {
            throw new IllegalArgumentException("flood takes two --url (the flooder's server, then another) and the tandem protocol");
        }
        if (scenario == Scenario.rooms && protocol != WireProtocol.tandem) {
            throw new IllegalArgumentException("rooms measures Tandem's rooms; the Socket.IO peer has none");
        }
        if (scenario == Scenario.rooms && rooms > 999) {
            throw new IllegalArgumentException("--rooms must be at most 999");
        }
        if ((scenario == Scenario.fanout || scenario == Scenario.rooms) && size < 48) {
            throw new IllegalArgumentException("--size must be at least 48 bytes (the latency probe)");
        }
        if (size > dev.tandem.model.Limits.MAX_CHAT_TEXT) {
            throw new IllegalArgumentException("--size must be at most " + dev.tandem.model.Limits.MAX_CHAT_TEXT);
        }
        if (!userPrefix.matches("[a-z0-9][a-z0-9._-]{0,20}")) {
            throw new IllegalArgumentException("--user-prefix must be lowercase letters, digits, '.', '_', '-' (max 21)");
        }
        if (scenario != Scenario.desktop && maxItems == 0) {
            throw new IllegalArgumentException("--max-items must be a positive whole number, got '0'");
        }
        if ((scenario == Scenario.todos || scenario == Scenario.desktop)
                && maxItems > dev.tandem.model.Limits.MAX_TODOS_PER_USER) {
            throw new IllegalArgumentException("--max-items must be at most " + dev.tandem.model.Limits.MAX_TODOS_PER_USER
                    + " (the server's limit per list)");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.todos) {
            throw new IllegalArgumentException("todos measures Tandem's todo lists; the Socket.IO peer has none");
        }
        if (protocol == WireProtocol.socketio && scenario == Scenario.signins) {
            throw new IllegalArgumentException("signins measures Tandem's password sign-in; Socket.IO has none");
        }
        if (scenario == Scenario.desktop && protocol != WireProtocol.tandem) {
            throw new IllegalArgumentException("desktop starts Tandem's desktop app; it speaks only the tandem protocol");
        }
        if (scenario == Scenario.desktop && urls.size() > 1) {
            throw new IllegalArgumentException("desktop takes one --url (the server or proxy the app signs in to)");
        }
        if (scenario == Scenario.desktop && history > dev.tandem.model.Limits.HISTORY_RETAINED) {
            throw new IllegalArgumentException("--history must be at most " + dev.tandem.model.Limits.HISTORY_RETAINED
                    + " (the chat history the server keeps)");
        }
        // Password sign-ins (signins, desktop) need no resume tokens.
        boolean needsToken = protocol == WireProtocol.tandem && scenario != Scenario.signins
                && scenario != Scenario.desktop;
        if (needsToken && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException(
                    "the cluster secret is needed to mint resume tokens: --secret or env TANDEM_CLUSTER_SECRET");
        }
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
            m.put("rooms", rooms);
            m.put("roomSize", roomSize);
            m.put("bigRate", bigRate);
            m.put("bigSenders", bigSenders);
        }
        if (scenario == Scenario.flood) {
            m.put("probeRate", probeRate);
        }
        if (scenario == Scenario.desktop) {
            m.put("desktopJar", desktopJar.toString());
            m.put("desktopJvmArgs", desktopJvmArgs);
            m.put("runs", runs);
            m.put("history", history);
            m.put("startTimeoutSeconds", startTimeoutSeconds);
        }
        m.put("connectRate", connectRate);
        m.put("threads", threads);
        m.put("userPrefix", userPrefix);
        m.put("label", label);
        m.put("pids", pids);
        return m;
    }
}
