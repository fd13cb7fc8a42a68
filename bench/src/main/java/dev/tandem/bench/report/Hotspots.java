package dev.tandem.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording (e.g. of a server under fan-out) and prints where the CPU went: samples per thread
 * group, the hottest methods by self time (leaf frame) and by total time (anywhere on the stack), the top
 * allocation sites, GC pauses and the process's CPU share. {@code --skip S} ignores the first S seconds
 * (connection set-up) so the figures describe the steady state.
 */
public final class Hotspots {
    private final Map<String, Long> threads = new HashMap<>();
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> total = new HashMap<>();
    private final Map<String, Long> allocations = new HashMap<>();
    private long samples;
    private long allocationWeight;
    private Duration gcPauses = Duration.ZERO;
    private long gcCount;
    private double cpuJvmSum;
    private double cpuMachineSum;
    private long cpuReadings;

    Hotspots read(Path file, double skipSeconds) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Instant first = events.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant from = first.plusMillis((long) (skipSeconds * 1000));
        for (RecordedEvent e : events) {
            if (e.getStartTime().isBefore(from)) {
                continue;
            }
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> sample(e);
                case "jdk.ObjectAllocationSample" -> allocation(e);
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    gcPauses = gcPauses.plus(e.getDuration("sumOfPauses"));
                }
                case "jdk.CPULoad" -> {
                    cpuJvmSum += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                    cpuMachineSum += e.getFloat("machineTotal");
                    cpuReadings++;
                }
                default -> {
                }
            }
        }
        return this;
    }

    private void sample(RecordedEvent e) {
        samples++;
        RecordedThread thread = e.getThread("sampledThread");
        String group = thread == null ? "?" : thread.getJavaName() == null ? "?" : thread.getJavaName().replaceAll("\\d+", "N");
        threads.merge(group, 1L, Long::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (seen.add(n)) {
                total.merge(n, 1L, Long::sum);
            }
        }
    }

    private void allocation(RecordedEvent e) {
        long weight = e.getLong("weight");
        allocationWeight += weight;
        RecordedStackTrace stack = e.getStackTrace();
        String site = "?";
        if (stack != null) {
            // The first frame in our own code (or the first frame) names the site.
            for (RecordedFrame f : stack.getFrames()) {
                String n = name(f);
                if (n.startsWith("dev.tandem.")) {
                    site = n;
                    break;
                }
            }
            if (site.equals("?") && !stack.getFrames().isEmpty()) {
                site = name(stack.getFrames().get(0));
            }
        }
        String type = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
        allocations.merge(type + " @ " + site, weight, Long::sum);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    String render(int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("execution samples: %d%n", samples));
        if (cpuReadings > 0) {
            sb.append(String.format("CPU: this JVM %.0f%% of the machine, machine total %.0f%% (averages of %d readings)%n",
                    100 * cpuJvmSum / cpuReadings, 100 * cpuMachineSum / cpuReadings, cpuReadings));
        }
        sb.append(String.format("GC: %d collections, %d ms of pauses%n", gcCount, gcPauses.toMillis()));
        section(sb, "samples by thread", threads, samples, 12);
        section(sb, "self (leaf frame)", self, samples, top);
        section(sb, "total (on the stack)", total, samples, top);
        section(sb, "allocation by type @ site (sampled weight)", allocations, allocationWeight, 15);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Map<String, Long> counts, long all, int top) {
        sb.append("\n").append(title).append(":\n");
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((k, v) -> sb.append(String.format("  %5.1f%%  %s%n", all == 0 ? 0 : 100.0 * v / all, k)));
    }
}
