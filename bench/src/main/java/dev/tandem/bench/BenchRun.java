package dev.tandem.bench;

import dev.tandem.bench.desktop.DesktopResult;
import dev.tandem.bench.desktop.DesktopStartup;
import dev.tandem.bench.report.MachineInfo;
import dev.tandem.bench.report.Table;
import dev.tandem.bench.scenario.Connections;
import dev.tandem.bench.scenario.Fanout;
import dev.tandem.bench.scenario.Flood;
import dev.tandem.bench.scenario.FanoutResult;
import dev.tandem.bench.scenario.Latency;
import dev.tandem.bench.scenario.Rooms;
import dev.tandem.bench.scenario.RoomsResult;
import dev.tandem.bench.scenario.Signins;
import dev.tandem.bench.scenario.Todos;
import dev.tandem.bench.scenario.TodosResult;
import dev.tandem.bench.scenario.TokenCredentials;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import dev.tandem.bench.wire.SocketIoWire;
import dev.tandem.bench.wire.TandemWire;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One executed scenario: its typed result plus the report around it (machine, parameters, rate-limit
 * settings). {@link #execute} is what both the command line and the smoke tests call.
 */
public final class BenchRun {
    private final BenchOptions options;
    private final String runId;
    private final Instant startedAt;
    private final Object result;
    private final double loadBefore;
    private final double loadAfter;

    private BenchRun(BenchOptions options, String runId, Instant startedAt, Object result, double loadBefore,
                     double loadAfter) {
        this.options = options;
        this.runId = runId;
        this.startedAt = startedAt;
        this.result = result;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    public static BenchRun execute(BenchOptions options) throws Exception {
        String runId = newRunId();
        Instant startedAt = Instant.now();
        double loadBefore = MachineInfo.loadAverage();
        ChatWire wire = options.protocol == BenchOptions.WireProtocol.tandem ? new TandemWire() : new SocketIoWire();
        Function<String, Credentials> credentials = options.needsResumeTokens()
                ? new TokenCredentials(options.secret)
                : user -> new Credentials.None();
        Object result = switch (options.scenario) {
            case fanout -> new Fanout(options, wire, credentials, runId).run();
            case rooms -> new Rooms(options, credentials, runId).run();
            case connections -> new Connections(options, wire, credentials).run();
            case signins -> new Signins(options, wire, password()).run();
            case todos -> new Todos(options, credentials, runId).run();
            case desktop -> new DesktopStartup(options, password(), runId).run();
            case flood -> new Flood(options, credentials, runId).run();
        };
        return new BenchRun(options, runId, startedAt, result, loadBefore, MachineInfo.loadAverage());
    }

    /**
     * The scenario's own result: a {@link FanoutResult}, {@link TodosResult}, {@link Connections.Result},
     * {@link Signins.Result} or {@link DesktopResult}.
     */
    public Object result() {
        return result;
    }

    /** The whole report as a JSON-ready tree. */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "tandem-bench");
        doc.put("runId", runId);
        doc.put("startedAt", startedAt.toString());
        Map<String, Object> machine = MachineInfo.describe();
        machine.put("loadAverage1mBefore", loadBefore);
        machine.put("loadAverage1mAfter", loadAfter);
        doc.put("machine", machine);
        doc.put("parameters", options.describe());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("serverSetting", options.rateLimitSetting);
        if (result instanceof FanoutResult f) {
            limits.put("announcedByServer", f.announcedRateLimit());
        } else if (result instanceof TodosResult t) {
            limits.put("announcedByServer", t.announcedRateLimit());
        }
        doc.put("rateLimit", limits);
        if (result instanceof FanoutResult f) {
            doc.put("results", f.toMap());
        } else if (result instanceof RoomsResult r) {
            doc.put("results", r.toMap());
        } else if (result instanceof TodosResult t) {
            doc.put("results", t.toMap());
        } else if (result instanceof Connections.Result c) {
            doc.put("results", c.toMap());
        } else if (result instanceof Signins.Result s) {
            doc.put("results", s.toMap());
        } else if (result instanceof DesktopResult d) {
            doc.put("results", d.toMap());
        } else if (result instanceof Flood.Result f) {
            doc.put("results", f.toMap());
        }
        return doc;
    }

    /** Writes {@link #document()} as indented JSON, creating the directory if needed. */
    public void writeJson(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document());
    }

    /** A human-readable summary. */
    public String table() {
        Table t = new Table();
        String head = options.scenario + " " + options.protocol
                + (options.label.isEmpty() ? "" : " [" + options.label + "]") + " → " + options.urls;
        t.row("machine load (1 min)", loadBefore + " before, " + loadAfter + " after, on "
                + Runtime.getRuntime().availableProcessors() + " cores");
        if (result instanceof FanoutResult f) {
            t.row("clients ready", f.clientsReady() + " / " + f.clientsRequested());
            t.row("senders × rate", f.senders() + " × " + fmt(f.targetRate() / f.senders()) + " msg/s = "
                    + fmt(f.targetRate()) + " msg/s (sent " + fmt(f.sentRate()) + ")");
            t.row("text size", f.size() + " B");
            t.row("deliveries/s", fmt(f.deliveriesPerSecond()));
            latencyRows(t, f.latency());
            t.row("lost", f.lost() + " of " + f.expectedDeliveries());
            t.row("duplicated", f.duplicates());
            t.row("errors", f.errors() + " (send failures " + f.sendFailures() + ", disconnects "
                    + f.disconnects() + ", connect failures " + f.connectFailures() + ")");
            t.row("clients per server", f.clientsPerServer());
            t.row("generator CPU", String.format("%.2f cores", f.benchCpuCores()));
            if (!f.processCores().isEmpty()) {
                t.row("process CPU (cores)", f.processCores());
            }
            t.row("rate limit", "announced " + f.announcedRateLimit() + "/s per connection"
                    + (options.rateLimitSetting.isEmpty() ? "" : ", set " + options.rateLimitSetting));
            problems(t, f.sampleProblems());
        } else if (result instanceof RoomsResult r) {
            t.row("clients ready", r.clientsReady() + " / " + r.clientsRequested() + " " + r.clientsPerServer());
            t.row("rooms", r.rooms() + " rooms of " + r.roomSize() + ", plus general (everyone)");
            roomKindRows(t, "rooms", r.smallRooms());
            roomKindRows(t, "general", r.general());
            t.row("misdelivered", r.misdelivered() + " (a room's message at a client not in it)");
            t.row("errors", r.errors() + " (disconnects " + r.disconnects() + ")");
            t.row("generator CPU", String.format("%.2f cores", r.benchCpuCores()));
            if (!r.processCores().isEmpty()) {
                t.row("process CPU (cores)", r.processCores());
            }
            problems(t, r.sampleProblems());
        } else if (result instanceof TodosResult r) {
            t.row("clients ready", r.clientsReady() + " / " + r.clientsRequested() + " " + r.clientsPerServer());
            t.row("changes/s", "asked " + fmt(r.targetRate()) + " (" + fmt(r.targetRate() / Math.max(1, r.clientsReady()))
                    + " per client), sent " + fmt(r.sentRate()) + ", acknowledged " + fmt(r.ackedPerSecond()));
            latencyRows(t, r.latency());
            t.row("in the window", r.changesSent() + " sent, " + r.changesAcked() + " acknowledged, "
                    + r.changesRefused() + " refused, " + r.unanswered() + " unanswered");
            t.row("acknowledged by op", r.ackedByOp());
            t.row("errors by code", r.errorsByCode().isEmpty() ? "none" : r.errorsByCode());
            t.row("other", "answered with the list " + r.answeredWithList() + ", foreign changes "
                    + r.foreignChanges() + ", send failures " + r.sendFailures() + ", disconnects " + r.disconnects()
                    + ", connect failures " + r.connectFailures());
            t.row("items (all users)", r.itemsAtStart() + " at start, " + r.itemsAtEnd() + " at end (max "
                    + r.maxItems() + " per user)");
            t.row("generator CPU", String.format("%.2f cores", r.benchCpuCores()));
            if (!r.processCores().isEmpty()) {
                t.row("process CPU (cores)", r.processCores());
            }
            t.row("rate limit", "announced " + r.announcedRateLimit() + "/s per connection"
                    + (options.rateLimitSetting.isEmpty() ? "" : ", set " + options.rateLimitSetting));
            problems(t, r.sampleProblems());
        } else if (result instanceof Connections.Result c) {
            t.row("opened", c.opened() + " / " + c.requested() + " in " + fmt(c.openSeconds()) + " s");
            t.row("still open after hold", c.stillOpen());
            t.row("errors", c.errors());
            c.rss().forEach((name, r) -> {
                t.row("RSS " + name, r.beforeKiB() + " → " + r.afterKiB() + " KiB = "
                        + fmt(r.perConnectionKiB()) + " KiB/connection");
                if (r.liveHeapBeforeKiB() >= 0) {
                    t.row("live heap " + name, r.liveHeapBeforeKiB() + " → " + r.liveHeapAfterKiB() + " KiB = "
                            + fmt(r.liveHeapPerConnectionKiB()) + " KiB/connection");
                }
            });
            problems(t, c.sampleProblems());
        } else if (result instanceof Signins.Result s) {
            t.row("workers", s.workers());
            t.row("sign-ins/s", fmt(s.signInsPerSecond()));
            latencyRows(t, s.latency());
            t.row("errors", s.errors() + " (failed connections " + s.failedConnections() + ")");
            problems(t, s.sampleProblems());
        } else if (result instanceof DesktopResult d) {
            d.rows(t);
            return head + "\n" + t + d.startsTable();
        } else if (result instanceof Flood.Result f) {
            t.row("flood posts/s", fmt(f.floodRateAchieved()) + " (" + f.floodPosted() + " posted)");
            t.row("flooder windows closed", f.cutsByCode() + ", reconnects " + f.reconnects());
            t.row("bystander, flooder's server", bystander(f.near(), f.nearLost(), f.nearDisconnects()));
            t.row("bystander, other server", bystander(f.far(), f.farLost(), f.farDisconnects()));
        }
        return head + "\n" + t;
    }

    private static String bystander(Latency l, long lost, long disconnects) {
        return "own message p50 " + fmt(l.p50()) + " ms, p99 " + fmt(l.p99()) + " ms, max " + fmt(l.max()) + " ms ("
                + l.count() + " timed, " + lost + " lost, " + disconnects + " disconnects)";
    }

    private static void roomKindRows(Table t, String name, RoomsResult.Kind k) {
        t.row(name + ": msg/s", "asked " + fmt(k.targetRate()) + " from " + k.senders() + " senders, sent "
                + fmt(k.sentRate()) + "; deliveries/s " + fmt(k.deliveriesPerSecond()));
        Latency l = k.latency();
        t.row(name + ": latency ms", "p50 " + l.p50() + "  p90 " + l.p90() + "  p99 " + l.p99() + "  p99.9 " + l.p999()
                + "  max " + l.max() + "  (n=" + l.count() + ")");
        t.row(name + ": lost / dup", k.lost() + " of " + k.expected() + " / " + k.duplicates());
    }

    private static void latencyRows(Table t, Latency l) {
        t.row("latency ms", "p50 " + l.p50() + "  p90 " + l.p90() + "  p99 " + l.p99() + "  p99.9 " + l.p999()
                + "  max " + l.max() + "  (n=" + l.count() + ")");
    }

    private static void problems(Table t, Map<String, String> sample) {
        sample.forEach((kind, text) -> t.row("first " + kind, text));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format("%,d", (long) v) : String.format("%,.1f", v);
    }

    private static String password() {
        String p = System.getenv("TANDEM_BENCH_PASSWORD");
        return p == null || p.isEmpty() ? Signins.DEFAULT_PASSWORD : p;
    }

    private static String newRunId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
