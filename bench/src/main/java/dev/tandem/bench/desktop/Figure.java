package dev.tandem.bench.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median, min and max of one figure over a few runs (start-ups are few and skewed by the machine's
 * load, so no percentiles). Immutable.
 */
public record Figure(int runs, double median, double min, double max) {

    /** The figure over {@code values}; no runs gives zeros. */
    public static Figure of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Figure(0, 0, 0, 0);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Figure(v.length, median, v[0], v[v.length - 1]);
    }

    /** {@code 2,340 (2,100–2,810)}: milliseconds, whole. */
    public String text() {
        return runs == 0 ? "—" : String.format("%,.0f (%,.0f–%,.0f)", median, min, max);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("medianMs", round(median));
        m.put("minMs", round(min));
        m.put("maxMs", round(max));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
