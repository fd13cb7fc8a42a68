package dev.tandem.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one todos run. Rates are per second of the measured window (warm-up excluded); only changes
 * <em>due</em> in the window count.
 *
 * @param changesSent        changes due (and sent) in the window
 * @param changesAcked       of those, acknowledged by the sender's {@code todo.changed}
 * @param changesRefused     of those, answered with an error (see {@code errorsByCode})
 * @param unanswered         of those, neither acknowledged nor refused by the end of the drain
 * @param errorsByCode       every error frame of the run by code (warm-up included)
 * @param answeredWithList   changes answered with {@code todo.list} (taken for a resend: must be 0)
 * @param foreignChanges     {@code todo.changed} frames with a client id this run did not have in flight
 * @param itemsAtStart       items the users already had when the schedule began (all clients)
 * @param itemsAtEnd         items the users know of at the end (all clients)
 */
public record TodosResult(int clientsRequested, int clientsReady, int connectFailures, double targetRate,
                          double sentRate, double durationSeconds, int maxItems, long changesSent,
                          long changesAcked, double ackedPerSecond, long changesRefused, long unanswered,
                          Map<String, Long> errorsByCode, Map<String, Long> ackedByOp, long answeredWithList,
                          long foreignChanges, long sendFailures, long disconnects, Latency latency,
                          Map<String, Long> clientsPerServer, int announcedRateLimit, int itemsAtStart,
                          int itemsAtEnd, double benchCpuCores, Map<String, Double> processCores,
                          Map<String, String> sampleProblems) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientsRequested", clientsRequested);
        m.put("clientsReady", clientsReady);
        m.put("connectFailures", connectFailures);
        m.put("targetRate", targetRate);
        m.put("sentRate", FanoutResult.round(sentRate));
        m.put("durationSeconds", durationSeconds);
        m.put("maxItems", maxItems);
        m.put("changesSent", changesSent);
        m.put("changesAcked", changesAcked);
        m.put("ackedPerSecond", FanoutResult.round(ackedPerSecond));
        m.put("changesRefused", changesRefused);
        m.put("unanswered", unanswered);
        m.put("errorsByCode", errorsByCode);
        m.put("ackedByOp", ackedByOp);
        m.put("answeredWithList", answeredWithList);
        m.put("foreignChanges", foreignChanges);
        m.put("sendFailures", sendFailures);
        m.put("disconnects", disconnects);
        m.put("latency", latency.toMap());
        m.put("clientsPerServer", clientsPerServer);
        m.put("announcedRateLimit", announcedRateLimit);
        m.put("itemsAtStart", itemsAtStart);
        m.put("itemsAtEnd", itemsAtEnd);
        m.put("benchCpuCores", Math.round(benchCpuCores * 100) / 100.0);
        m.put("processCpuCores", processCores);
        m.put("sampleProblems", sampleProblems);
        return m;
    }

    /** Error frames of the run, all codes. */
    public long errors() {
        return errorsByCode.values().stream().mapToLong(Long::longValue).sum();
    }
}
