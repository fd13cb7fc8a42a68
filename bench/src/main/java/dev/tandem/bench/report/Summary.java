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
    record Point(String label, double rate, double deliveriesPerSecond, double p50, double p99, double max,
                 long lost, long duplicates, long errors, int clients, double load, double generatorCores,
                 Map<String, Double> processCores) {
        boolean clean() {
            return lost == 0 && duplicates == 0;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: java -jar tandem-bench.jar summarize DIR [P99_LIMIT_MS]");
            System.exit(2);
        }
        double limit = args.length > 1 ? Double.parseDouble(args[1]) : 250;
        Summary s = new Summary(limit);
        Map<String, Object> doc = s.summarize(Path.of(args[0]));
        System.out.print(s.render(doc));
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
        List<Map<String, Object>> connections = new ArrayList<>();
        List<Map<String, Object>> signins = new ArrayList<>();
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
                        r.path("latency").path("maxMs").asDouble(), r.path("lost").asLong(),
                        r.path("duplicates").asLong(), r.path("errors").asLong() + r.path("disconnects").asLong(),
                        r.path("clientsReady").asInt(),
                        Math.max(d.path("machine").path("loadAverage1mBefore").asDouble(-1),
                                d.path("machine").path("loadAverage1mAfter").asDouble(-1)),
                        r.path("benchCpuCores").asDouble(-1), cores(r.path("processCpuCores"))));
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
                default -> {
                }
            }
        }
        fanout.values().forEach(l -> l.sort(Comparator.comparingDouble(Point::rate)));

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
        doc.put("connections", connections);
        doc.put("signins", signins);
        Files.writeString(dir.resolve("summary.json"), mapper.writeValueAsString(doc));
        return doc;
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
        return sb.toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
