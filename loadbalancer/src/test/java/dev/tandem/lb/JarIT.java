package dev.tandem.lb;

import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar as users run it: flags, environment twins, --help, --version, bad flags, a taken port, SIGTERM. */
@Timeout(60)
class JarIT {
    private static final Path JAR = Path.of("target", "tandem-lb.jar");

    private record Run(int exit, String out, String err) {
    }

    private static Process launch(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TANDEM_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Run run(String... args) throws Exception {
        return run(Map.of(), Duration.ofSeconds(30), args);
    }

    /** Runs the jar to its end; fails (and kills it) if it is still running after {@code within}. */
    private static Run run(Map<String, String> env, Duration within, String... args) throws Exception {
        Path out = Files.createTempFile("lb-out", ".txt");
        Path err = Files.createTempFile("lb-err", ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TANDEM_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ended).as("tandem-lb %s ended within %d ms; stderr so far: %s", List.of(args), within.toMillis(),
                Files.readString(err)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void versionComesFromThePom() throws Exception {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        String expected = System.getProperty("project.version");
        assertThat(expected).as("failsafe passes the pom version").isNotBlank();
        assertThat(r.out().trim()).isEqualTo("tandem-lb " + expected);
    }

    @Test
    void helpListsEveryFlagAndItsEnvironmentVariable() throws Exception {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--port", "TANDEM_LB_PORT", "--backend", "TANDEM_BACKENDS",
                "--health-interval-ms", "--head-timeout-ms", "--drain-ms", "--tunnel-close-grace-ms",
                "TANDEM_LB_TUNNEL_CLOSE_GRACE_MS", "--response-timeout-ms", "TANDEM_LB_RESPONSE_TIMEOUT_MS",
                "/lb/status");
    }

    @Test
    void badFlagsExitWithCode2AndSayWhy() throws Exception {
        Run r = run("--port", "8080", "--bogus", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option", "'--bogus'");
        r = run("--port", "8080", "--backend", "s1=https://127.0.0.1:7001");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("only http:// backends are supported");
        r = run("--port", "8080");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("at least one backend is required");
    }

    @Test
    void aPortAlreadyTakenExitsAtOnceWithStatus1AndOneLineNamingThePortAndTheFlag() throws Exception {
        // Issue 17 item 8: it used to stay alive without listening (seen for 85 s).
        try (ServerSocket taken = new ServerSocket(0)) { // the wildcard address, like the default --host
            String port = String.valueOf(taken.getLocalPort());
            Run r = run(Map.of(), Duration.ofSeconds(10), "--port", port, "--backend", "s1=http://127.0.0.1:1");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip().lines()).as("stderr: " + r.err()).hasSize(1);
            assertThat(r.err()).contains("tandem-lb: cannot listen on 0.0.0.0:" + port, "in use",
                    "--port", "TANDEM_LB_PORT");
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            Run r = run(Map.of("TANDEM_LB_PORT", port, "TANDEM_LB_HOST", "127.0.0.1",
                    "TANDEM_BACKENDS", "s1=http://127.0.0.1:1"), Duration.ofSeconds(10));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + port, "--port", "TANDEM_LB_PORT");
        }
    }

    @Test
    void runsFromEnvironmentVariablesProxiesAndStopsOnSigterm() throws Exception {
        try (TestBackend backend = TestBackend.start("s1")) {
            int port = freePort();
            Path log = Files.createTempFile("lb-run", ".log");
            Process p = launch(Map.of("TANDEM_LB_PORT", String.valueOf(port), "TANDEM_LB_HOST", "127.0.0.1",
                    "TANDEM_BACKENDS", "s1=" + backend.url()), log);
            try {
                Await.until(Duration.ofSeconds(20), "the proxy answers /lb/status", () -> {
                    try {
                        return RawHttp.exchange(port, RawHttp.get("/lb/status")).status() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
                RawHttp.Response r = RawHttp.exchange(port, RawHttp.get("/info?user=alice"));
                assertThat(r.header(TestBackend.ID_HEADER)).isEqualTo("s1");
            } finally {
                p.destroy(); // SIGTERM: the shutdown hook drains and stops
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("listening on 127.0.0.1:" + port).contains("tandem-lb stopped");
        }
    }
}
