package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code ./tandem} says to each mistake a newcomer can make, and that it starts nothing then. These
 * runs fail before any process starts, so each takes well under a second.
 */
@Timeout(120)
class TandemScriptErrorsIT {
    private TandemScript tandem;

    @BeforeEach
    void freshStateAndFreePorts() throws IOException {
        tandem = new TandemScript(Files.createTempDirectory("tandem-errors-"));
        for (String jar : List.of("redis-runner/target/tandem-redis.jar", "server/target/tandem-server.jar",
                "loadbalancer/target/tandem-lb.jar")) {
            tandem.assertBuilt(jar); // so `up` never starts a Maven build inside this one
        }
        tandem.with("TANDEM_LB_PORT", Integer.toString(TandemScript.freePort()))
                .with("TANDEM_BASE_PORT", Integer.toString(TandemScript.freePorts(2)))
                .with("TANDEM_REDIS_PORT", Integer.toString(TandemScript.freePort()));
    }

    @AfterEach
    void deleteState() throws IOException {
        try (Stream<Path> files = Files.walk(tandem.home())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aPortInUseNamesThePortAndTheVariableThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tandem.with("TANDEM_LB_PORT", Integer.toString(taken.getLocalPort()));

            TandemScript.Result up = tandem.run("up");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains("port " + taken.getLocalPort() + " (proxy) is in use")
                    .contains("TANDEM_LB_PORT");
            assertThat(tandem.recordedPids()).isEmpty();
        }
    }

    @Test
    void aServerPortInUseNamesTheServerAndTandemBasePort() throws IOException {
        int base = TandemScript.freePorts(2);
        try (ServerSocket taken = new ServerSocket(base + 1, 1, InetAddress.getLoopbackAddress())) {
            tandem.with("TANDEM_BASE_PORT", Integer.toString(base));

            TandemScript.Result up = tandem.run("up", "--servers", "2");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output()).contains("port " + (base + 1) + " (server s2) is in use").contains("TANDEM_BASE_PORT");
            assertThat(tandem.recordedPids()).isEmpty();
        }
    }

    @Test
    void aRedisUrlWhereNoRedisAnswersIsRefusedBeforeAnythingStarts() {
        int nothingThere = TandemScript.freePort();
        tandem.with("REDIS_URL", "redis://127.0.0.1:" + nothingThere);

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("REDIS_URL points at 127.0.0.1:" + nothingThere + ", but no Redis answers PING");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void aJavaOlderThan17IsNamedWithItsVersion() throws IOException {
        Path oldJdk = fakeJava("openjdk version \"11.0.21\" 2023-10-17");
        tandem.with("JAVA_HOME", oldJdk.toString());

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("Tandem needs Java 17 or newer").contains("is Java 11.0.21");
    }

    /**
     * The JVM announces these variables on stderr before its version ("Picked up JAVA_TOOL_OPTIONS: ..."),
     * which once made the script call a working java "not Java". The real java with all three set gets past
     * the Java check to the port check, which needs no process started.
     */
    @Test
    void javaOptionVariablesDoNotHideAWorkingJava() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tandem.with("TANDEM_LB_PORT", Integer.toString(taken.getLocalPort()))
                    .with("JAVA_TOOL_OPTIONS", "-Dfoo=bar")
                    .with("_JAVA_OPTIONS", "-Dtandem.test=1")
                    .with("JDK_JAVA_OPTIONS", "-Dtandem.test=2");

            TandemScript.Result up = tandem.run("up");

            assertThat(up.output()).doesNotContain("does not run as Java", "needs Java 17")
                    .contains("port " + taken.getLocalPort() + " (proxy) is in use");
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(tandem.recordedPids()).isEmpty();
        }
    }

    @Test
    void aJavaThatAnnouncesItsOptionsIsStillReadByItsVersion() throws IOException {
        // An announced option that looks like a version line must not be read as one.
        Path jdk = fakeJava("Picked up JAVA_TOOL_OPTIONS: -Dmotd=my version \"99\"\n"
                + "NOTE: Picked up JDK_JAVA_OPTIONS: -Dx=y\nopenjdk version \"11.0.21\" 2023-10-17");
        tandem.with("JAVA_HOME", jdk.toString()).with("JAVA_TOOL_OPTIONS", "-Dmotd=my version \"99\"");

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("Tandem needs Java 17 or newer").contains("is Java 11.0.21");
    }

    @Test
    void aJavaThatItsOptionsBreakIsNamedWithThem() {
        tandem.with("JAVA_TOOL_OPTIONS", "-Xmx1k");

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("does not run as Java ('Error occurred during initialization of VM')")
                .contains("JAVA_TOOL_OPTIONS is set: '-Xmx1k'");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void aJava8VersionStringIsReadAsJava8() throws IOException {
        tandem.with("JAVA_HOME", fakeJava("java version \"1.8.0_392\"").toString());

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("Tandem needs Java 17 or newer").contains("is Java 1.8.0_392");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() {
        Path missing = tandem.home().resolve("no-jdk-here");
        tandem.with("JAVA_HOME", missing.toString());

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("JAVA_HOME is " + missing + ", but " + missing + "/bin/java is not there");
    }

    @Test
    void demoWithoutADisplaySuggestsUp() {
        // The script's environment has no DISPLAY / WAYLAND_DISPLAY (on Linux; macOS always has a display).
        TandemScript.Result demo = tandem.run("demo");

        assertThat(demo.exitCode()).isEqualTo(1);
        assertThat(demo.output()).contains("there is no display").contains("./tandem up");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void badServerCountsAndUnknownCommandsAreRefused() {
        TandemScript.Result zero = tandem.run("up", "--servers", "0");
        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.output()).contains("--servers must be between 1 and 16, got 0");

        TandemScript.Result word = tandem.run("up", "--servers", "two");
        assertThat(word.exitCode()).isEqualTo(1);
        assertThat(word.output()).contains("--servers must be a number, got 'two'");

        TandemScript.Result unknown = tandem.run("start");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("unknown command 'start'").contains("usage: ./tandem");
    }

    @Test
    void badSettingsFromTheEnvironmentAreRefusedBeforeAnythingStarts() {
        tandem.with("TANDEM_LB_PORT", "70000");
        TandemScript.Result port = tandem.run("up");
        assertThat(port.exitCode()).isEqualTo(1);
        assertThat(port.output()).contains("TANDEM_LB_PORT must be a port between 1 and 65535, got 70000");
        assertThat(tandem.recordedPids()).isEmpty();

        tandem.with("TANDEM_LB_PORT", Integer.toString(TandemScript.freePort())).with("TANDEM_STOP_TIMEOUT", "15s");
        TandemScript.Result timeout = tandem.run("down");
        assertThat(timeout.exitCode()).isEqualTo(1);
        assertThat(timeout.output()).contains("TANDEM_STOP_TIMEOUT must be a number, got '15s'");
    }

    @Test
    void aBadFsyncSettingIsRefusedBeforeAnythingStarts() {
        tandem.with("TANDEM_REDIS_FSYNC", "sometimes");

        TandemScript.Result up = tandem.run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("TANDEM_REDIS_FSYNC must be everysec, always or no, got 'sometimes'");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void restartWithoutABackendSaysHowToStartOne() {
        TandemScript.Result restart = tandem.run("restart", "s1");

        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.output()).contains("no backend was started here").contains("./tandem up");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void restartOfARedisGivenByRedisUrlIsRefused() throws IOException {
        // The state an `up` with REDIS_URL leaves (its processes need not run for the refusal).
        Files.writeString(tandem.home().resolve("state"), "LB_PORT=1\nBASE_PORT=2\nSERVERS=2\n"
                + "REDIS_HOST=10.0.0.5\nREDIS_PORT=6379\nOWN_REDIS=0\nREDIS_URL=redis://10.0.0.5:6379\n");

        TandemScript.Result restart = tandem.run("restart", "redis");

        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.output()).contains("Redis was not started by ./tandem (REDIS_URL=10.0.0.5:6379)");
        TandemScript.Result unknown = tandem.run("restart", "s3");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("there is no s3: the backend has 2 server(s), s1..s2");
        assertThat(tandem.recordedPids()).isEmpty();
    }

    @Test
    void downWipeWithNothingRunningDeletesTheDataAndTheSecret() throws IOException {
        Files.createDirectories(tandem.home().resolve("redis"));
        Files.writeString(tandem.home().resolve("cluster-secret"), "old-secret");

        TandemScript.Result down = tandem.run("down", "--wipe");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("deleted " + tandem.home().resolve("redis"))
                .contains("deleted " + tandem.home().resolve("cluster-secret"));
        assertThat(tandem.home().resolve("redis")).doesNotExist();
        assertThat(tandem.home().resolve("cluster-secret")).doesNotExist();
    }

    @Test
    void downWithNothingRunningSaysSoAndSucceeds() {
        TandemScript.Result down = tandem.run("down");

        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("nothing to stop");
    }

    /** A JAVA_HOME whose bin/java prints {@code versionLine} (one or more lines) to stderr, as java -version does. */
    private Path fakeJava(String versionLine) throws IOException {
        Path jdk = tandem.home().resolve("fake-jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\ncat >&2 <<'EOF'\n" + versionLine + "\nEOF\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }
}
