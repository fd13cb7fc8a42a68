package dev.tandem.bench.desktop;

import dev.tandem.bench.scenario.ProcessMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One start of the desktop app: its JVM, its output (stdout and stderr merged: slf4j-simple writes to stderr
 * unless told otherwise) copied line by line to a log file and searched for the two {@link StartupLine}s, and
 * its stop by SIGTERM, as a desktop session ends it.
 *
 * <p>Threads: one controlling thread (the scenario's) starts, waits and stops. One reader thread per process,
 * {@code desktop-output}, reads the output, writes the log and completes the futures, which are the only
 * hand-over; the tail of the output (for error messages) is guarded by its own monitor.
 */
final class DesktopProcess implements AutoCloseable {
    private static final int TAIL_LINES = 15;

    /**
     * A start-up line, when the bench read it ({@link System#nanoTime()}) and the CPU time the app's process
     * had used by then (all its threads: JIT, GC and rendering too; -1 where /proc cannot tell). CPU time is
     * what the start cost, whatever the queue for the cores on a busy machine.
     */
    record Seen<T extends StartupLine>(T line, long atNanos, long cpuNanos) {
    }

    /** The whole output of a process that ended by itself, and when the bench saw it end. */
    record Output(List<String> lines, long exitNanos) {
    }

    /** How a process ended. */
    record Stopped(String by, int exitCode) {
    }

    /** The output ended (the process exited) before the line in question. */
    private static final class Exited extends Exception {
        Exited() {
            super(null, null, false, false);
        }
    }

    private final Process process;
    private final long spawnNanos;
    private final Path log;
    private final CompletableFuture<Seen<StartupLine.FirstContent>> firstContent = new CompletableFuture<>();
    private final CompletableFuture<Seen<StartupLine.UpToDate>> upToDate = new CompletableFuture<>();
    private final CompletableFuture<List<String>> allOutput = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread reader;

    private DesktopProcess(Process process, long spawnNanos, Path log) {
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.log = log;
        this.reader = new Thread(this::read, "desktop-output");
        this.reader.setDaemon(true);
    }

    /** Starts {@code command} with exactly {@code environment}, its output going to {@code log}. */
    static DesktopProcess start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long spawn = System.nanoTime();
        DesktopProcess p = new DesktopProcess(builder.start(), spawn, log);
        p.reader.start();
        return p;
    }

    long spawnNanos() {
        return spawnNanos;
    }

    Path log() {
        return log;
    }

    Seen<StartupLine.FirstContent> awaitFirstContent(Duration timeout) throws InterruptedException {
        return await(firstContent, "first content", timeout);
    }

    Seen<StartupLine.UpToDate> awaitUpToDate(Duration timeout) throws InterruptedException {
        return await(upToDate, "up to date", timeout);
    }

    /** Waits until the process exits by itself (a {@code --version} run). */
    Output awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the desktop app did not exit within " + timeout.toSeconds() + " s"
                    + endOfLog());
        }
        long exit = System.nanoTime();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the desktop app exited with code " + process.exitValue() + endOfLog());
        }
        return new Output(await(allOutput, "end of output", Duration.ofSeconds(10)), exit);
    }

    /** Sends SIGTERM, waits {@code grace} for the exit, then kills. */
    Stopped stop(Duration grace) throws InterruptedException {
        String by = "SIGTERM";
        process.destroy(); // SIGTERM on Linux and macOS: the JVM runs its shutdown hooks
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            by = "SIGKILL";
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        return new Stopped(by, process.isAlive() ? -1 : process.exitValue());
    }

    /** Never leaves an app running when a run fails half-way. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private <T> T await(CompletableFuture<T> future, String what, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no '" + what + "' line from the desktop app within "
                    + timeout.toSeconds() + " s" + endOfLog());
        } catch (ExecutionException e) {
            // The output ended: the app is exiting, but the OS may not have reaped it yet (CI saw "code ?").
            String code = process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "? (still running)";
            throw new IllegalStateException("the desktop app exited (code " + code + ") before its '" + what
                    + "' line" + endOfLog());
        }
    }

    private String endOfLog() {
        synchronized (tail) {
            return "; its log is " + log + ", ending:\n    " + String.join("\n    ", tail);
        }
    }

    private void read() {
        List<String> lines = new java.util.ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                StartupLine.parse(line).ifPresent(parsed -> {
                    long cpu = ProcessMemory.cpuNanos(process.pid());
                    if (parsed instanceof StartupLine.FirstContent f) {
                        firstContent.complete(new Seen<>(f, now, cpu));
                    } else if (parsed instanceof StartupLine.UpToDate u) {
                        upToDate.complete(new Seen<>(u, now, cpu));
                    }
                });
                lines.add(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                out.write(line);
                out.write('\n');
                out.flush(); // a run that fails must leave its whole log behind
            }
        } catch (IOException e) {
            synchronized (tail) {
                tail.addLast("(reading the output failed: " + e + ")");
            }
        } finally {
            firstContent.completeExceptionally(new Exited());
            upToDate.completeExceptionally(new Exited());
            allOutput.complete(lines);
        }
    }
}
