package dev.tandem.bench.desktop;

import dev.tandem.bench.report.MachineInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single starts of the desktop app, each to the line it is timed to and then stopped by SIGTERM; each leaves
 * its output in {@code <logs>/<kind>-r<round>.log}. Every wait is bounded by the start timeout, and a start
 * that fails never leaves its app running.
 *
 * <p>Threads: the caller's only (each process has its own output reader).
 */
final class Starts {
    private static final Logger log = LoggerFactory.getLogger(Starts.class);

    private final Path logs;
    private final Duration timeout;
    private final Duration grace;

    Starts(Path logs, Duration timeout, Duration grace) {
        this.logs = logs;
        this.timeout = timeout;
        this.grace = grace;
    }

    /** Starts {@code command}, waits for its first content (a start that ends at the sign-in screen), stops it. */
    StartRun toFirstContent(StartKind kind, int round, List<String> command, Map<String, String> env)
            throws Exception {
        double load = MachineInfo.loadAverage();
        try (DesktopProcess p = DesktopProcess.start(command, env, logFile(kind, round))) {
            DesktopProcess.Seen<StartupLine.FirstContent> first = p.awaitFirstContent(timeout);
            DesktopProcess.Stopped stopped = p.stop(grace);
            StartRun run = new StartRun(kind, round, load, first.line(), null, ms(first.atNanos() - p.spawnNanos()),
                    -1, -1, cpuMs(first.cpuNanos()), -1, stopped.by());
            report(run);
            return run;
        }
    }

    /**
     * Starts {@code command}, waits for its first content and for up to date, runs {@code beforeStop} (the
     * first start waits there for the saved copy), stops it.
     */
    StartRun toUpToDate(StartKind kind, int round, List<String> command, Map<String, String> env, Runnable beforeStop)
            throws Exception {
        double load = MachineInfo.loadAverage();
        try (DesktopProcess p = DesktopProcess.start(command, env, logFile(kind, round))) {
            DesktopProcess.Seen<StartupLine.FirstContent> first = p.awaitFirstContent(timeout);
            DesktopProcess.Seen<StartupLine.UpToDate> up = p.awaitUpToDate(timeout);
            beforeStop.run();
            DesktopProcess.Stopped stopped = p.stop(grace);
            StartRun run = new StartRun(kind, round, load, first.line(), up.line(),
                    ms(first.atNanos() - p.spawnNanos()), ms(up.atNanos() - p.spawnNanos()), -1,
                    cpuMs(first.cpuNanos()), cpuMs(up.cpuNanos()), stopped.by());
            report(run);
            return run;
        }
    }

    /** A {@code --version} run, timed from spawn to exit. */
    StartRun version(int round, List<String> command, Map<String, String> env) throws Exception {
        double load = MachineInfo.loadAverage();
        try (DesktopProcess p = DesktopProcess.start(command, env, logFile(StartKind.version, round))) {
            DesktopProcess.Output out = p.awaitExit(timeout);
            StartRun run = new StartRun(StartKind.version, round, load, null, null, -1, -1,
                    ms(out.exitNanos() - p.spawnNanos()), -1, -1, "exit");
            report(run);
            return run;
        }
    }

    /** Runs {@code command} to its exit (not timed) and returns its output. */
    List<String> output(List<String> command, Map<String, String> env, String name) throws Exception {
        try (DesktopProcess p = DesktopProcess.start(command, env, logs.resolve(name + ".log"))) {
            return p.awaitExit(timeout).lines();
        }
    }

    private Path logFile(StartKind kind, int round) {
        return logs.resolve(kind.name() + "-r" + round + ".log");
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double cpuMs(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    private static void report(StartRun r) {
        if (r.first() == null) {
            log.info("desktop: {} r{}: exit after {} ms (bench clock), load {}", r.kind(), r.round(),
                    Math.round(r.spawnToExitMs()), r.loadBefore());
            return;
        }
        log.info("desktop: {} r{}: first content {} ms ({} screen, {} messages, {} todos; {} ms CPU){}, load {},"
                + " stopped by {}", r.kind(), r.round(), r.first().ms(), r.first().screen(), r.first().messages(),
                r.first().todos(), Math.round(r.cpuToFirstMs()),
                r.upToDate() == null ? "" : "; up to date " + r.upToDate().ms() + " ms", r.loadBefore(), r.stoppedBy());
    }
}
