package dev.tandem.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition parsed the way a scraper reads it: one sample per line,
 * {@code name{label="value",…} number}, comments skipped; labels compared as a map, whatever their order.
 */
public record PrometheusText(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find()) {
                    if (l.start() != end) {
                        throw new AssertionError("bad labels in: " + line);
                    }
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                if (end != m.group(3).length()) {
                    throw new AssertionError("bad labels in: " + line);
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new PrometheusText(samples);
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels} (pairs: key, value…). */
    public double sum(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public List<Sample> matching(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (all) {
                found.add(sample);
            }
        }
        return found;
    }
}
