package dev.tandem.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one rooms run: per kind of room (the small rooms together, and general), and the
 * deliveries that reached a client outside the room ({@code misdelivered}, must be 0).
 */
public record RoomsResult(int clientsRequested, int clientsReady, int rooms, int roomSize, int size,
                          double durationSeconds, Kind smallRooms, Kind general, long misdelivered, long errors,
                          long disconnects, Map<String, Long> clientsPerServer, double benchCpuCores,
                          Map<String, Double> processCores, Map<String, String> sampleProblems) {

    /**
     * One kind of room.
     *
     * @param targetRate messages per second asked for, over all its senders
     * @param expected   measured messages × the members that should get each
     */
    public record Kind(double targetRate, int senders, double sentRate, long messagesMeasured, long expected,
                       long deliveries, double deliveriesPerSecond, long lost, long duplicates, Latency latency) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("targetRate", targetRate);
            m.put("senders", senders);
            m.put("sentRate", FanoutResult.round(sentRate));
            m.put("messagesMeasured", messagesMeasured);
            m.put("expectedDeliveries", expected);
            m.put("deliveries", deliveries);
            m.put("deliveriesPerSecond", FanoutResult.round(deliveriesPerSecond));
            m.put("lost", lost);
            m.put("duplicates", duplicates);
            m.put("latency", latency.toMap());
            return m;
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientsRequested", clientsRequested);
        m.put("clientsReady", clientsReady);
        m.put("rooms", rooms);
        m.put("roomSize", roomSize);
        m.put("sizeBytes", size);
        m.put("durationSeconds", durationSeconds);
        m.put("smallRooms", smallRooms.toMap());
        m.put("general", general.toMap());
        m.put("deliveriesPerSecond", FanoutResult.round(smallRooms.deliveriesPerSecond() + general.deliveriesPerSecond()));
        m.put("misdelivered", misdelivered);
        m.put("errors", errors);
        m.put("disconnects", disconnects);
        m.put("clientsPerServer", clientsPerServer);
        m.put("benchCpuCores", Math.round(benchCpuCores * 100) / 100.0);
        m.put("processCpuCores", processCores);
        m.put("sampleProblems", sampleProblems);
        return m;
    }
}
