package dev.tandem.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during a measured window: the generator's own (it shares the machine with what it measures) and
 * each named {@code --pid} process's (servers, proxy, Socket.IO), from /proc. Start it at the window's start,
 * read it at its end; one thread.
 */
final class CpuWindow {
    private final Map<String, Long> pids;
    private final long ownStart;
    private final Map<String, Long> pidStart = new LinkedHashMap<>();

    CpuWindow(Map<String, Long> pids) {
        this.pids = pids;
        this.ownStart = processCpuNanos();
        pids.forEach((name, pid) -> pidStart.put(name, ProcessMemory.cpuNanos(pid)));
    }

    /** The generator's cores over {@code seconds}. */
    double ownCores(double seconds) {
        return (processCpuNanos() - ownStart) / (seconds * 1e9);
    }

    /** Each named process's cores over {@code seconds}, rounded to 0.01; -1 where /proc could not tell. */
    Map<String, Double> processCores(double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long before = pidStart.get(name);
            long after = ProcessMemory.cpuNanos(pid);
            cores.put(name, before < 0 || after < 0 ? -1 : Math.round((after - before) / (seconds * 1e9) * 100) / 100.0);
        });
        return cores;
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
