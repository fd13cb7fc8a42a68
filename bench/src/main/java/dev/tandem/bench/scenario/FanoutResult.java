package dev.tandem.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one fan-out run. Rates are per second of the measured window (warm-up excluded).
 *
 * @param expectedDeliveries measured messages × clients signed in when sending began
 * @param lost               expected deliveries that never arrived (must be 0)
 * @param duplicates         deliveries of a message a client already had (must be 0)
 * @param errors             error frames received from the server
 * @param disconnects        signed-in clients whose connection ended during the run
 * @param announcedRateLimit the per-connection rate limit the server announced (-1: not announced)
 * @param benchCpuCores      CPU the load generator itself used during the window, in cores
 * @param processCores       CPU each {@code --pid} process used during the window, in cores
 */
public record FanoutResult(int clientsRequested, int clientsReady, int connectFailures, int senders,
                           double targetRate, double sentRate, int size, double durationSeconds,
                           long messagesMeasured, long expectedDeliveries, long deliveries,
                           double deliveriesPerSecond, long lost, long duplicates, long errors,
                           long sendFailures, long disconnects, Latency latency, Map<String, Long> clientsPerServer,
                           int announcedRateLimit, double benchCpuCores, Map<String, Double> processCores,
                           Map<String, String> sampleProblems) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientsRequested", clientsRequested);
        m.put("clientsReady", clientsReady);
        m.put("connectFailures", connectFailures);
        m.put("senders", senders);
        m.put("targetRate", targetRate);
        m.put("sentRate", round(sentRate));
        m.put("sizeBytes", size);
        m.put("durationSeconds", durationSeconds);
        m.put("messagesMeasured", messagesMeasured);
        m.put("expectedDeliveries", expectedDeliveries);
        m.put("deliveries", deliveries);
        m.put("deliveriesPerSecond", round(deliveriesPerSecond));
        m.put("lost", lost);
        m.put("duplicates", duplicates);
        m.put("errors", errors);
        m.put("sendFailures", sendFailures);
        m.put("disconnects", disconnects);
        m.put("latency", latency.toMap());
        m.put("clientsPerServer", clientsPerServer);
        m.put("announcedRateLimit", announcedRateLimit);
        m.put("benchCpuCores", Math.round(benchCpuCores * 100) / 100.0);
        m.put("processCpuCores", processCores);
        m.put("sampleProblems", sampleProblems);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
