package dev.tandem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms runs of a results directory, for {@link Summary}: per run, the small rooms' and general's
 * deliveries/s, latency and loss, the misdelivered count and where the CPU went. Stateless.
 */
final class RoomsSummary {
    private RoomsSummary() {
    }

    /** One rooms result document reduced to what the table shows. */
    static Map<String, Object> reduce(JsonNode doc) {
        JsonNode r = doc.path("results");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", doc.path("parameters").path("label").asText());
        m.put("clients", r.path("clientsReady").asInt());
        m.put("rooms", r.path("rooms").asInt());
        m.put("roomSize", r.path("roomSize").asInt());
        for (String kind : List.of("smallRooms", "general")) {
            JsonNode k = r.path(kind);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("targetRate", k.path("targetRate").asDouble());
            figures.put("deliveriesPerSecond", k.path("deliveriesPerSecond").asDouble());
            figures.put("p50Ms", k.path("latency").path("p50Ms").asDouble());
            figures.put("p99Ms", k.path("latency").path("p99Ms").asDouble());
            figures.put("lost", k.path("lost").asLong());
            figures.put("duplicates", k.path("duplicates").asLong());
            m.put(kind, figures);
        }
        m.put("misdelivered", r.path("misdelivered").asLong());
        m.put("benchCpuCores", r.path("benchCpuCores").asDouble());
        Map<String, Double> cores = new LinkedHashMap<>();
        r.path("processCpuCores").fields().forEachRemaining(e -> cores.put(e.getKey(), e.getValue().asDouble()));
        m.put("processCpuCores", cores);
        double deliveries = r.path("deliveriesPerSecond").asDouble();
        double serverCores = cores.entrySet().stream().filter(e -> e.getKey().startsWith("s") && e.getValue() > 0)
                .mapToDouble(Map.Entry::getValue).sum();
        m.put("serverCpuMicrosPerDelivery", deliveries > 0 && serverCores > 0
                ? Math.round(serverCores * 1e6 / deliveries * 10) / 10.0 : -1);
        return m;
    }

    @SuppressWarnings("unchecked")
    static void render(StringBuilder sb, List<Map<String, Object>> runs) {
        if (runs.isEmpty()) {
            return;
        }
        sb.append("\n### Rooms (small rooms alongside general; deliveries/s, latency p50/p99 ms, lost)\n\n");
        sb.append("| label | clients | rooms × members | rooms msg/s → deliveries/s | p50 / p99 | general msg/s → deliveries/s"
                + " | p50 / p99 | lost | misdelivered | server CPU µs/delivery | generator cores |\n"
                + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : runs) {
            Map<String, Object> small = (Map<String, Object>) run.get("smallRooms");
            Map<String, Object> general = (Map<String, Object>) run.get("general");
            sb.append(String.format("| %s | %s | %s × %s | %.0f → %,.0f | %s / %s | %.0f → %,.0f | %s / %s | %d | %s | %s | %s |%n",
                    run.get("label"), run.get("clients"), run.get("rooms"), run.get("roomSize"),
                    (Double) small.get("targetRate"), (Double) small.get("deliveriesPerSecond"), small.get("p50Ms"),
                    small.get("p99Ms"), (Double) general.get("targetRate"), (Double) general.get("deliveriesPerSecond"),
                    general.get("p50Ms"), general.get("p99Ms"), (Long) small.get("lost") + (Long) general.get("lost"),
                    run.get("misdelivered"), run.get("serverCpuMicrosPerDelivery"), run.get("benchCpuCores")));
        }
    }
}
