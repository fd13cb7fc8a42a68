package dev.tandem.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A latency summary in milliseconds, from a histogram recorded in microseconds. */
public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()), Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50Ms", p50);
        m.put("p90Ms", p90);
        m.put("p99Ms", p99);
        m.put("p999Ms", p999);
        m.put("maxMs", max);
        m.put("meanMs", mean);
        return m;
    }
}
