package dev.tandem.bench.desktop;

import dev.tandem.bench.report.Table;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one desktop run: the account the app showed, how its JVM was started, every start, and per
 * kind of start the median, min and max of each figure. Immutable.
 */
public final class DesktopResult {
    /** Each figure by its name in the results, and how to read it off one start (negative: not there). */
    private static final Map<String, ToDoubleFunction<StartRun>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("firstContentMs", r -> r.first() == null ? -1 : r.first().ms());
        FIGURES.put("upToDateMs", r -> r.upToDate() == null ? -1 : r.upToDate().ms());
        FIGURES.put("contentToUpToDateMs", StartRun::contentToUpToDateMs);
        FIGURES.put("spawnToFirstContentMs", StartRun::spawnToFirstMs);
        FIGURES.put("spawnToUpToDateMs", StartRun::spawnToUpMs);
        FIGURES.put("spawnToExitMs", StartRun::spawnToExitMs);
        FIGURES.put("cpuToFirstContentMs", StartRun::cpuToFirstMs);
        FIGURES.put("cpuToUpToDateMs", StartRun::cpuToUpMs);
    }

    private final String url;
    private final AccountSeeder.Seeded account;
    private final Map<String, Object> jvm;
    private final List<StartRun> runs;

    DesktopResult(String url, AccountSeeder.Seeded account, Map<String, Object> jvm, List<StartRun> runs) {
        this.url = url;
        this.account = account;
        this.jvm = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jvm));
        this.runs = List.copyOf(runs);
    }

    public List<StartRun> runs() {
        return runs;
    }

    /** Per kind of start (those that ran), each figure it has. */
    public Map<StartKind, Map<String, Figure>> figures() {
        Map<StartKind, Map<String, Figure>> byKind = new EnumMap<>(StartKind.class);
        for (StartKind kind : StartKind.values()) {
            List<StartRun> ofKind = runs.stream().filter(r -> r.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            Map<String, Figure> figures = new LinkedHashMap<>();
            FIGURES.forEach((name, read) -> {
                List<Double> values = new ArrayList<>();
                ofKind.forEach(r -> {
                    double v = read.applyAsDouble(r);
                    if (v >= 0) {
                        values.add(v);
                    }
                });
                if (!values.isEmpty()) {
                    figures.put(name, Figure.of(values));
                }
            });
            byKind.put(kind, figures);
        }
        return byKind;
    }

    /** The results part of the JSON report. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("account", account.toMap());
        m.put("jvm", jvm);
        Map<String, Object> kinds = new LinkedHashMap<>();
        figures().forEach((kind, figures) -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("meaning", kind.meaning());
            figures.forEach((name, f) -> k.put(name, f.toMap()));
            kinds.put(kind.name(), k);
        });
        m.put("figures", kinds);
        m.put("runs", runs.stream().map(StartRun::toMap).toList());
        return m;
    }

    /** The human half: the account and the JVM (then {@link #startsTable()}). */
    public void rows(Table t) {
        t.row("account", account.user() + ": " + account.messagesPosted() + " messages posted (" + account.historyBefore()
                + " before; the welcome holds " + account.expectedMessages() + "), " + account.todos() + " todos ("
                + account.completed() + " completed), prepared in " + String.format("%.1f s", account.seconds()));
        t.row("app JVM", jvm.get("javaVersion") + ", args " + jvm.get("desktopJvmArgs") + ", ergonomics "
                + jvm.get("ergonomicFlags"));
    }

    /** One row per kind of start. */
    public String startsTable() {
        Table k = new Table();
        k.row("start", "runs", "first content ms", "up to date ms", "up to date − first", "spawn → first content",
                "spawn → exit", "app CPU → first content", "app CPU → up to date", "load");
        figures().forEach((kind, f) -> {
            List<StartRun> ofKind = runs.stream().filter(r -> r.kind() == kind).toList();
            k.row(kind.name(), ofKind.size(), text(f, "firstContentMs"), text(f, "upToDateMs"),
                    text(f, "contentToUpToDateMs"), text(f, "spawnToFirstContentMs"), text(f, "spawnToExitMs"),
                    text(f, "cpuToFirstContentMs"), text(f, "cpuToUpToDateMs"), loadRange(ofKind));
        });
        return "  starts, median (min–max) ms; first content and up to date by the app's clock (since its JVM"
                + " started), spawn → … by the bench's (from creating the process), app CPU: user + system time of"
                + " all the app's threads by then\n" + k;
    }

    private static String text(Map<String, Figure> figures, String name) {
        Figure f = figures.get(name);
        return f == null ? "—" : f.text();
    }

    private static String loadRange(List<StartRun> runs) {
        double min = runs.stream().mapToDouble(StartRun::loadBefore).min().orElse(-1);
        double max = runs.stream().mapToDouble(StartRun::loadBefore).max().orElse(-1);
        return String.format("%.1f–%.1f", min, max);
    }
}
