package dev.tandem.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** tandem-redis.jar as ./tandem runs it: the flags that answer without starting Redis. */
class RedisJarIT {
    private static final Path JAR = Path.of("target", "tandem-redis.jar");

    private record Run(int exitCode, String output) {
    }

    private static String run(String... args) throws Exception {
        Run run = runExpecting(args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }

    private static Run runExpecting(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits").isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void aBadPortGetsAClearMessageAndExitCode2() throws Exception {
        for (String bad : List.of("70000", "0")) {
            Run run = runExpecting("--port", bad);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.output()).isEqualTo("tandem-redis: --port must be a number between 1 and 65535, got '" + bad
                    + "'\nTry --help.");
        }
        Run notANumber = runExpecting("--port", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.output())
                .isEqualTo("tandem-redis: Invalid value for option '--port': 'abc' is not an int\nTry --help.");
    }

    @Test
    void aBadPersistenceFlagGetsAClearMessageAndExitCode2() throws Exception {
        Run fsync = runExpecting("--appendfsync", "sometimes");
        assertThat(fsync.exitCode()).isEqualTo(2);
        assertThat(fsync.output())
                .isEqualTo("tandem-redis: --appendfsync must be everysec, always or no, got 'sometimes'\nTry --help.");
        Run appendonly = runExpecting("--appendonly", "maybe");
        assertThat(appendonly.exitCode()).isEqualTo(2);
        assertThat(appendonly.output()).isEqualTo("tandem-redis: --appendonly must be yes or no, got 'maybe'\nTry --help.");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        String expected = System.getProperty("project.version");
        assertThat(expected).as("failsafe passes the pom version").isNotBlank();
        assertThat(run("--version")).isEqualTo("tandem-redis " + expected);
    }

    @Test
    void helpNamesEveryFlag() throws Exception {
        assertThat(run("--help")).contains("--port", "--dir", "--appendonly", "--appendfsync", "--version");
    }
}
