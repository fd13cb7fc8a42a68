package dev.tandem.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summarize and hotspots: a bad command line is one line and exit 2, --help exit 0, a good one runs. */
class ReportCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    @Test
    void summarizeReadsADirectoryAndRefusesWhatIsNotOne(@TempDir Path dir) throws IOException {
        assertThat(ReportCommands.summarize(new String[] {dir.toString(), "300"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("p99 limit 300.0 ms");
        assertThat(ReportCommands.summarize(new String[] {dir.resolve("missing").toString()})).isEqualTo(2);
        assertThat(ReportCommands.summarize(new String[] {dir.toString(), "fast"})).isEqualTo(2);
        assertThat(ReportCommands.summarize(new String[] {dir.toString(), "0"})).isEqualTo(2);
        assertThat(ReportCommands.summarize(new String[] {})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "tandem-bench summarize: RESULTS_DIR " + dir.resolve("missing") + " is not a directory\nTry --help.",
                "'fast' is not a double", "P99_LIMIT_MS must be a positive number of ms, got 0.0",
                "Missing required parameter: 'RESULTS_DIR'");
        assertThat(ReportCommands.summarize(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar tandem-bench.jar summarize RESULTS_DIR")
                .doesNotContain("Usage: Usage:");
    }

    @Test
    void hotspotsRefusesAMissingRecordingAndBadNumbers(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertThat(ReportCommands.hotspots(new String[] {dir.resolve("none.jfr").toString()})).isEqualTo(2);
        assertThat(ReportCommands.hotspots(new String[] {empty.toString(), "--top", "x"})).isEqualTo(2);
        assertThat(ReportCommands.hotspots(new String[] {empty.toString(), "--top", "0"})).isEqualTo(2);
        assertThat(ReportCommands.hotspots(new String[] {empty.toString(), "--wat", "1"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no recording at " + dir.resolve("none.jfr"),
                "Invalid value for option '--top': 'x' is not an int", "--top at least 1", "Unknown options: '--wat', '1'");
        assertThat(ReportCommands.hotspots(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--skip S", "--top N");
    }
}
