package dev.tandem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desktop start-up runs of a results directory, for {@link Summary}: per run file and kind of start, the
 * median and range of each figure as the run wrote them. Stateless.
 */
final class DesktopSummary {
    private static final List<String> FIGURES = List.of("firstContentMs", "upToDateMs", "contentToUpToDateMs",
            "spawnToExitMs", "cpuToFirstContentMs");

    private DesktopSummary() {
    }

    /** One desktop result document reduced to label, load and, per kind, {figure: [median, min, max]}. */
    static Map<String, Object> reduce(JsonNode doc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", doc.path("parameters").path("label").asText());
        m.put("startedAt", doc.path("startedAt").asText());
        m.put("loadBefore", doc.path("machine").path("loadAverage1mBefore").asDouble(-1));
        m.put("loadAfter", doc.path("machine").path("loadAverage1mAfter").asDouble(-1));
        Map<String, Object> kinds = new LinkedHashMap<>();
        doc.path("results").path("figures").fields().forEachRemaining(kind -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            for (String name : FIGURES) {
                JsonNode f = kind.getValue().path(name);
                if (!f.isMissingNode()) {
                    figures.put("runs", f.path("runs").asInt());
                    figures.put(name, List.of(f.path("medianMs").asDouble(), f.path("minMs").asDouble(),
                            f.path("maxMs").asDouble()));
                }
            }
            kinds.put(kind.getKey(), figures);
        });
        m.put("kinds", kinds);
        return m;
    }

    @SuppressWarnings("unchecked")
    static void render(StringBuilder sb, List<Map<String, Object>> runs) {
        if (runs.isEmpty()) {
            return;
        }
        sb.append("\n### Desktop start-up (ms since the app's JVM started; median (min–max) of the runs)\n\n");
        sb.append("| label | start | runs | first content | up to date | up to date − first content | --version exit"
                + " (bench clock) | app CPU → first content | load |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> run : runs) {
            String load = String.format("%.1f → %.1f", (Double) run.get("loadBefore"), (Double) run.get("loadAfter"));
            ((Map<String, Map<String, Object>>) run.get("kinds")).forEach((kind, f) -> sb.append(String.format(
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", run.get("label"), kind, f.get("runs"),
                    cell(f, "firstContentMs"), cell(f, "upToDateMs"), cell(f, "contentToUpToDateMs"),
                    cell(f, "spawnToExitMs"), cell(f, "cpuToFirstContentMs"), load)));
        }
    }

    @SuppressWarnings("unchecked")
    private static String cell(Map<String, Object> figures, String name) {
        List<Double> f = (List<Double>) figures.get(name);
        return f == null ? "—" : String.format("%,.0f (%,.0f–%,.0f)", f.get(0), f.get(1), f.get(2));
    }
}
