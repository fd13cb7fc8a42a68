package dev.tandem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the JSON results of a side-by-side run (one file per scenario run, tagged with a label such as
 * direct, tandem-lb, haproxy, split, socketio) and derives the comparison: per front door the highest
 * deliveries/s whose p99 stayed within the limit with nothing lost, p99 at equal rates, and the ratios.
 */
public final class Summary {
    /** Pairs compared, numerator first: (A, B) reports A / B. */
    static final String[][] PAIRS = {
            {"tandem-lb", "haproxy"}, {"tandem-lb", "direct"}, {"haproxy", "direct"}, {"split", "socketio"},
            {"direct", "socketio-one"}};

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final double p99LimitMs;

    public Summary(double p99LimitMs) {
        this.p99LimitMs = p99LimitMs;
    }

    /** One fan-out run, reduced to what the comparison needs. */
    record Point(String label, double rate, double deliveriesPerSecond, double p50, double p99, double p999, double max,
                 long lost, long duplicates, long errors, int clients, double load, double generatorCores,
                 Map<String, Double> processCores) {
        boolean clean() {
            return lost == 0 && duplicates == 0;
        }
    }

    /** One todos run, reduced likewise. */
    record TodoPoint(String label, double rate, double ackedPerSecond, double p50, double p99, double p999,
                     double max, long refused, long unanswered, long errors, int clients, double load,
                     double generatorCores, Map<String, Double> processCores) {
        boolean clean() {
            return refused == 0 && unanswered == 0 && errors == 0;
        }
    }

    /**
     * The runs of one label at one rate (several rounds of a run, or several runs copied into one directory):
     * medians, with the p99 range. {@code cpuMicros}: median CPU of the watched processes (servers, proxy,
     * Redis; not the generator) per delivery or per acknowledged change, in microseconds.
     */
    record Median(String label, double rate, int runs, double perSecond, double p50, double p99, double p99Min,
                  double p99Max, double p999, long problems, double loadMin, double loadMax, double generatorCores,
                  Map<String, Double> processCores, double cpuMicros) {
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> summarize(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = mapper.readTree(p.toFile());
                if (n.path("tool").asText().equals("tandem-bench")) {
                    docs.add(n);
                }
            }
        }
        Map<String, List<Point>> fanout = new TreeMap<>();
        Map<String, List<TodoPoint>> todos = new TreeMap<>();
        List<Map<String, Object>> connections = new ArrayList<>();
        List<Map<String, Object>> signins = new ArrayList<>();
        List<Map<String, Object>> desktop = new ArrayList<>();
        List<Map<String, Object>> rooms = new ArrayList<>();
        JsonNode machine = null;
        for (JsonNode d : docs) {
            machine = d.path("machine");
            String scenario = d.path("parameters").path("scenario").asText();
            String label = d.path("parameters").path("label").asText();
            JsonNode r = d.path("results");
            switch (scenario) {
                case "fanout" -> fanout.computeIfAbsent(label, k -> new ArrayList<>()).add(new Point(label,
                        d.path("parameters").path("rate").asDouble(), r.path("deliveriesPerSecond").asDouble(),
                        r.path("latency").path("p50Ms").asDouble(), r.path("latency").path("p99Ms").asDouble(),
                        r.path("latency").path("p999Ms").asDouble(),
                        r.path("latency").path("maxMs").asDouble(), r.path("lost").asLong(),
                        r.path("duplicates").asLong(), r.path("errors").asLong() + r.path("disconnects").asLong(),
                        r.path("clientsReady").asInt(),
                        Math.max(d.path("machine").path("loadAverage1mBefore").asDouble(-1),
                                d.path("machine").path("loadAverage1mAfter").asDouble(-1)),
                        r.path("benchCpuCores").asDouble(-1), cores(r.path("processCpuCores"))));
                case "todos" -> {
                    long errors = 0;
                    for (JsonNode e : r.path("errorsByCode")) {
                        errors += e.asLong();
                    }
                    todos.computeIfAbsent(label, k -> new ArrayList<>()).add(new TodoPoint(label,
                            d.path("parameters").path("rate").asDouble(), r.path("ackedPerSecond").asDouble(),
                            r.path("latency").path("p50Ms").asDouble(), r.path("latency").path("p99Ms").asDouble(),
                            r.path("latency").path("p999Ms").asDouble(), r.path("latency").path("maxMs").asDouble(),
                            r.path("changesRefused").asLong(), r.path("unanswered").asLong(), errors,
                            r.path("clientsReady").asInt(),
                            Math.max(d.path("machine").path("loadAverage1mBefore").asDouble(-1),
                                    d.path("machine").path("loadAverage1mAfter").asDouble(-1)),
                            r.path("benchCpuCores").asDouble(-1), cores(r.path("processCpuCores"))));
                }
                case "connections" -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("label", label);
                    c.putAll(mapper.convertValue(r, Map.class));
                    connections.add(c);
                }
                case "signins" -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("label", label);
                    c.putAll(mapper.convertValue(r, Map.class));
                    signins.add(c);
                }
                case "desktop" -> desktop.add(DesktopSummary.reduce(d));
                case "rooms" -> rooms.add(RoomsSummary.reduce(d));
                default -> {
                }
            }
        }
        fanout.values().forEach(l -> l.sort(Comparator.comparingDouble(Point::rate)));
        todos.values().forEach(l -> l.sort(Comparator.comparingDouble(TodoPoint::rate)));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine == null ? Map.of() : mapper.convertValue(machine, Map.class));
        doc.put("p99LimitMs", p99LimitMs);
        Map<String, Object> best = new LinkedHashMap<>();
        fanout.forEach((label, points) -> best.put(label, bestWithinLimit(points)));
        doc.put("fanoutRuns", fanout);
        doc.put("sustained", best);
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (String[] pair : PAIRS) {
            List<Point> a = fanout.get(pair[0]);
            List<Point> b = fanout.get(pair[1]);
            if (a == null || b == null) {
                continue;
            }
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("pair", pair[0] + " / " + pair[1]);
            Point ba = bestWithinLimit(a);
            Point bb = bestWithinLimit(b);
            ratio.put("sustainedDeliveriesRatio", ba == null || bb == null || bb.deliveriesPerSecond() == 0
                    ? null : round(ba.deliveriesPerSecond() / bb.deliveriesPerSecond()));
            Point[] common = highestCommonCleanRate(a, b);
            if (common != null) {
                ratio.put("equalRate", common[0].rate());
                ratio.put("p99AtEqualRateMs", List.of(common[0].p99(), common[1].p99()));
                ratio.put("p99Ratio", common[1].p99() == 0 ? null : round(common[0].p99() / common[1].p99()));
            }
            ratios.add(ratio);
        }
        doc.put("ratios", ratios);
        List<Median> fanoutMedians = new ArrayList<>();
        fanout.forEach((label, points) -> byRate(points, Point::rate).forEach((rate, runs) -> fanoutMedians.add(
                median(label, rate, runs.stream().map(p -> new Sample(p.deliveriesPerSecond(), p.p50(), p.p99(), p.p999(),
                        p.lost() + p.duplicates() + p.errors(), p.load(), p.generatorCores(), p.processCores())).toList()))));
        List<Median> todoMedians = new ArrayList<>();
        todos.forEach((label, points) -> byRate(points, TodoPoint::rate).forEach((rate, runs) -> todoMedians.add(
                median(label, rate, runs.stream().map(p -> new Sample(p.ackedPerSecond(), p.p50(), p.p99(), p.p999(),
                        p.refused() + p.unanswered() + p.errors(), p.load(), p.generatorCores(), p.processCores())).toList()))));
        doc.put("fanoutMedians", fanoutMedians);
        doc.put("todosRuns", todos);
        doc.put("todosMedians", todoMedians);
        doc.put("sustainedByMedian", sustainedByMedian(fanoutMedians));
        doc.put("todosSustainedByMedian", sustainedByMedian(todoMedians));
        doc.put("connections", connections);
        doc.put("signins", signins);
        doc.put("desktop", desktop);
        doc.put("rooms", rooms);
        Files.writeString(dir.resolve("summary.json"), mapper.writeValueAsString(doc));
        return doc;
    }

    private record Sample(double perSecond, double p50, double p99, double p999, long problems, double load,
                          double generatorCores, Map<String, Double> processCores) {
    }

    private static <T> Map<Double, List<T>> byRate(List<T> points, java.util.function.ToDoubleFunction<T> rate) {
        Map<Double, List<T>> m = new TreeMap<>();
        points.forEach(p -> m.computeIfAbsent(rate.applyAsDouble(p), k -> new ArrayList<>()).add(p));
        return m;
    }

    private static Median median(String label, double rate, List<Sample> runs) {
        Map<String, Double> cores = new LinkedHashMap<>();
        runs.get(0).processCores().keySet().forEach(name -> cores.put(name,
                round(median(runs.stream().mapToDouble(r -> r.processCores().getOrDefault(name, 0.0)).toArray()))));
        double perSecond = median(runs.stream().mapToDouble(Sample::perSecond).toArray());
        double cpu = median(runs.stream().mapToDouble(r -> r.processCores().values().stream()
                .mapToDouble(v -> Math.max(0, v)).sum()).toArray());
        return new Median(label, rate, runs.size(), Math.round(perSecond * 10) / 10.0,
                median(runs.stream().mapToDouble(Sample::p50).toArray()),
                median(runs.stream().mapToDouble(Sample::p99).toArray()),
                runs.stream().mapToDouble(Sample::p99).min().orElse(0),
                runs.stream().mapToDouble(Sample::p99).max().orElse(0),
                median(runs.stream().mapToDouble(Sample::p999).toArray()),
                runs.stream().mapToLong(Sample::problems).sum(),
                runs.stream().mapToDouble(Sample::load).min().orElse(-1),
                runs.stream().mapToDouble(Sample::load).max().orElse(-1),
                round(median(runs.stream().mapToDouble(Sample::generatorCores).toArray())), cores,
                perSecond <= 0 ? 0 : Math.round(cpu / perSecond * 1e7) / 10.0);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Per label: the highest rate whose median p99 is within the limit and no run of it had a problem. */
    private Map<String, Median> sustainedByMedian(List<Median> medians) {
        Map<String, Median> best = new TreeMap<>();
        for (Median m : medians) {
            if (m.problems() == 0 && m.p99() <= p99LimitMs
                    && (best.get(m.label()) == null || best.get(m.label()).perSecond() < m.perSecond())) {
                best.put(m.label(), m);
            }
        }
        return best;
    }

    private static Map<String, Double> cores(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    /** The run with the most deliveries/s whose p99 stayed within the limit, with no loss. */
    Point bestWithinLimit(List<Point> points) {
        return points.stream().filter(p -> p.clean() && p.p99() <= p99LimitMs)
                .max(Comparator.comparingDouble(Point::deliveriesPerSecond)).orElse(null);
    }

    /** The highest rate both front doors ran with nothing lost (p99 may exceed the limit), as (a, b). */
    Point[] highestCommonCleanRate(List<Point> a, List<Point> b) {
        Point[] found = null;
        for (Point pa : a) {
            for (Point pb : b) {
                if (pa.rate() == pb.rate() && pa.clean() && pb.clean()) {
                    found = new Point[] {pa, pb};
                }
            }
        }
        return found;
    }

    /** The summary as text tables (Markdown, so it pastes into docs/PERFORMANCE.md). */
    @SuppressWarnings("unchecked")
    public String render(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n### Fan-out runs (p99 limit ").append(p99LimitMs).append(" ms)\n\n");
        sb.append("| front door | clients | msg/s | deliveries/s | p50 ms | p99 ms | max ms | lost | dup | errors | load | generator cores | process cores |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Map<String, List<Point>> runs = (Map<String, List<Point>>) doc.get("fanoutRuns");
        runs.forEach((label, points) -> points.forEach(p -> sb.append(String.format(
                "| %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %d | %d | %d | %.1f | %.2f | %s |%n", label, p.clients(),
                p.rate(), p.deliveriesPerSecond(), p.p50(), p.p99(), p.max(), p.lost(), p.duplicates(), p.errors(),
                p.load(), p.generatorCores(), p.processCores().isEmpty() ? "" : p.processCores()))));
        sb.append("\n(load: the machine's highest 1-minute load average at the start or end of the run; above the core"
                + " count means other work competed for the CPU.)\n");
        sb.append("\n### Sustained (most deliveries/s with p99 ≤ limit and nothing lost)\n\n");
        sb.append("| front door | msg/s | deliveries/s | p99 ms |\n|---|---:|---:|---:|\n");
        ((Map<String, Point>) doc.get("sustained")).forEach((label, p) -> sb.append(p == null
                ? String.format("| %s | — | — | — |%n", label)
                : String.format("| %s | %.0f | %.0f | %.1f |%n", label, p.rate(), p.deliveriesPerSecond(), p.p99())));
        sb.append("\n### Ratios\n\n| pair | sustained deliveries/s ratio | equal rate msg/s | p99 there (ms) | p99 ratio |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("ratios")) {
            sb.append(String.format("| %s | %s | %s | %s | %s |%n", r.get("pair"), r.get("sustainedDeliveriesRatio"),
                    r.getOrDefault("equalRate", "—"), r.getOrDefault("p99AtEqualRateMs", "—"),
                    r.getOrDefault("p99Ratio", "—")));
        }
        List<Median> fm = (List<Median>) doc.get("fanoutMedians");
        if (fm.stream().anyMatch(m -> m.runs() > 1)) {
            sb.append("\n### Fan-out, median of the runs at each rate\n\n");
            medianTable(sb, fm, "deliveries/s", "lost+dup+errors", "µs CPU per delivery");
            sb.append("\nSustained by median (p99 ≤ limit, no problem in any run):\n\n| front door | msg/s | deliveries/s | p99 ms |\n|---|---:|---:|---:|\n");
            ((Map<String, Median>) doc.get("sustainedByMedian")).forEach((label, m) -> sb.append(
                    String.format("| %s | %.0f | %.0f | %.1f |%n", label, m.rate(), m.perSecond(), m.p99())));
        }
        Map<String, List<TodoPoint>> todoRuns = (Map<String, List<TodoPoint>>) doc.get("todosRuns");
        if (!todoRuns.isEmpty()) {
            sb.append("\n### Todo changes, every run (p99 limit ").append(p99LimitMs).append(" ms)\n\n");
            sb.append("| front door | clients | changes/s asked | acknowledged/s | p50 ms | p99 ms | p99.9 ms | max ms | refused | unanswered | errors | load | generator cores | process cores |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            todoRuns.forEach((label, points) -> points.forEach(p -> sb.append(String.format(
                    "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %.1f | %.2f | %s |%n", label,
                    p.clients(), p.rate(), p.ackedPerSecond(), p.p50(), p.p99(), p.p999(), p.max(), p.refused(),
                    p.unanswered(), p.errors(), p.load(), p.generatorCores(), p.processCores()))));
            sb.append("\n### Todo changes, median of the runs at each rate\n\n");
            medianTable(sb, (List<Median>) doc.get("todosMedians"), "acknowledged/s", "refused+unanswered+errors",
                    "µs CPU per change");
            sb.append("\nSustained by median (p99 ≤ limit, nothing refused or unanswered in any run):\n\n"
                    + "| front door | changes/s | acknowledged/s | p99 ms |\n|---|---:|---:|---:|\n");
            ((Map<String, Median>) doc.get("todosSustainedByMedian")).forEach((label, m) -> sb.append(
                    String.format("| %s | %.0f | %.1f | %.1f |%n", label, m.rate(), m.perSecond(), m.p99())));
        }
        List<Map<String, Object>> conns = (List<Map<String, Object>>) doc.get("connections");
        if (!conns.isEmpty()) {
            sb.append("\n### Idle connections\n\n| front door | opened | still open | per connection, by process |\n");
            sb.append("|---|---:|---:|---|\n");
            for (Map<String, Object> c : conns) {
                StringBuilder rss = new StringBuilder();
                ((Map<String, Map<String, Object>>) c.get("rss")).forEach((name, v) -> {
                    rss.append(name).append(' ').append(v.get("perConnectionKiB")).append(" KiB RSS");
                    Object heap = v.get("liveHeapPerConnectionKiB");
                    if (((Number) v.getOrDefault("liveHeapBeforeKiB", -1)).longValue() >= 0) {
                        rss.append(" (live heap ").append(heap).append(" KiB)");
                    }
                    rss.append("; ");
                });
                sb.append(String.format("| %s | %s / %s | %s | %s |%n", c.get("label"), c.get("opened"),
                        c.get("requested"), c.get("stillOpenAfterHold"), rss));
            }
        }
        List<Map<String, Object>> signs = (List<Map<String, Object>>) doc.get("signins");
        if (!signs.isEmpty()) {
            sb.append("\n### Password sign-ins\n\n| front door | workers | sign-ins/s | p50 ms | p99 ms | errors |\n");
            sb.append("|---|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> s : signs) {
                Map<String, Object> lat = (Map<String, Object>) s.get("latency");
                sb.append(String.format("| %s | %s | %s | %s | %s | %s |%n", s.get("label"), s.get("workers"),
                        s.get("signInsPerSecond"), lat.get("p50Ms"), lat.get("p99Ms"), s.get("errors")));
            }
        }
        RoomsSummary.render(sb, (List<Map<String, Object>>) doc.getOrDefault("rooms", List.of()));
        DesktopSummary.render(sb, (List<Map<String, Object>>) doc.getOrDefault("desktop", List.of()));
        return sb.toString();
    }

    private static void medianTable(StringBuilder sb, List<Median> medians, String perSecond, String problems,
                                    String cpu) {
        sb.append("| front door | rate | runs | ").append(perSecond).append(" | p50 ms | p99 ms (range) | p99.9 ms | ")
                .append(problems).append(" | load | generator cores | process cores | ").append(cpu).append(" |\n");
        sb.append("|---|---:|---:|---:|---:|---|---:|---:|---|---:|---|---:|\n");
        for (Median m : medians) {
            sb.append(String.format("| %s | %.0f | %d | %.1f | %.1f | %.1f (%.1f–%.1f) | %.1f | %d | %.1f–%.1f | %.2f | %s | %.1f |%n",
                    m.label(), m.rate(), m.runs(), m.perSecond(), m.p50(), m.p99(), m.p99Min(), m.p99Max(), m.p999(),
                    m.problems(), m.loadMin(), m.loadMax(), m.generatorCores(), m.processCores(), m.cpuMicros()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
