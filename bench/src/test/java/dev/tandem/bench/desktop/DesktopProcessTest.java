package dev.tandem.bench.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output pipeline of a start, with a shell standing in for the app: lines found on stdout or stderr,
 * the log kept, a clear error when the process ends before a line, and the stop by SIGTERM. The durations
 * are only bounds on the waits; nothing here is timed.
 */
class DesktopProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String FIRST = "[JavaFX Application Thread] INFO dev.tandem.client.app.StartupTrace -"
            + " startup: first content after 812 ms (main screen, 100 messages, 100 todos)";
    private static final String UP = "[JavaFX Application Thread] INFO dev.tandem.client.app.StartupTrace -"
            + " startup: up to date after 1020 ms (100 messages, 100 todos)";

    @TempDir
    Path dir;

    private DesktopProcess shell(String script) throws Exception {
        return DesktopProcess.start(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("logs").resolve("app.log"));
    }

    @Test
    void findsBothLinesOnStderrAndStopsTheAppWithSigterm() throws Exception {
        try (DesktopProcess p = shell("echo 'WARNING: something' >&2; echo '" + FIRST + "' >&2; echo '" + UP
                + "' >&2; exec sleep 60")) {
            DesktopProcess.Seen<StartupLine.FirstContent> first = p.awaitFirstContent(BOUND);
            DesktopProcess.Seen<StartupLine.UpToDate> up = p.awaitUpToDate(BOUND);
            assertThat(first.line()).isEqualTo(new StartupLine.FirstContent(812, "main", 100, 100));
            assertThat(up.line()).isEqualTo(new StartupLine.UpToDate(1020, 100, 100));
            assertThat(first.atNanos()).isGreaterThanOrEqualTo(p.spawnNanos());
            assertThat(first.cpuNanos()).isGreaterThanOrEqualTo(0); // read from /proc while the process runs
            DesktopProcess.Stopped stopped = p.stop(BOUND);
            assertThat(stopped.by()).isEqualTo("SIGTERM");
            assertThat(stopped.exitCode()).isEqualTo(143);
        }
        assertThat(Files.readAllLines(dir.resolve("logs").resolve("app.log"))).containsExactly("WARNING: something",
                FIRST, UP);
    }

    @Test
    void anAppThatEndsBeforeALineIsAClearError() throws Exception {
        try (DesktopProcess p = shell("echo '" + FIRST + "'; echo 'Exception in Application start method'; exit 3")) {
            p.awaitFirstContent(BOUND);
            assertThatThrownBy(() -> p.awaitUpToDate(BOUND))
                    .hasMessageContaining("the desktop app exited (code 3) before its 'up to date' line")
                    .hasMessageContaining("app.log")
                    .hasMessageContaining("Exception in Application start method");
        }
    }

    @Test
    void aVersionRunIsReadToItsExit() throws Exception {
        try (DesktopProcess p = shell("echo '-XX:+UseG1GC -XX:MaxHeapSize=1g'; echo 'tandem-desktop 0.1.0'")) {
            DesktopProcess.Output out = p.awaitExit(BOUND);
            assertThat(out.lines()).containsExactly("-XX:+UseG1GC -XX:MaxHeapSize=1g", "tandem-desktop 0.1.0");
            assertThat(out.exitNanos()).isGreaterThanOrEqualTo(p.spawnNanos());
        }
        try (DesktopProcess p = shell("echo 'no display'; exit 1")) {
            assertThatThrownBy(() -> p.awaitExit(BOUND)).hasMessageContaining("exited with code 1");
        }
    }
}
