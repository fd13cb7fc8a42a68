package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shaded jar as run.sh runs it: its version from the manifest, its exit codes, its one-line errors. */
@Timeout(120)
class BenchJarIT {
    private static final Path JAR = Path.of("target", "tandem-bench.jar");

    record Ran(int code, String out, String err) {
    }

    @Test
    void versionIsThePomsFromTheManifest() throws Exception {
        Ran r = run("--version");
        assertThat(r.code()).isZero();
        // Implementation-Version, the pom's version; "dev" would mean the shaded jar lost the manifest.
        assertThat(r.out().strip()).matches("tandem-bench \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void helpExitsZeroAndABadValueTwoWithOneLineNamingTheFlag() throws Exception {
        Ran help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: java -jar tandem-bench.jar SCENARIO [flags]").doesNotContain("Usage: Usage:");
        Ran bad = run("fanout", "--clients", "lots");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().strip().split("\n")).containsExactly(
                "tandem-bench: Invalid value for option '--clients': 'lots' is not an int", "Try --help.");
    }

    private static Ran run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // Small outputs: read both to the end, then the exit code.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, err);
    }
}
