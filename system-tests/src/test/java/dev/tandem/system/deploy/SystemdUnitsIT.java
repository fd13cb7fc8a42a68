package dev.tandem.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.support.Http;
import dev.tandem.system.support.TandemJar;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The systemd units under {@code deploy/systemd/}, checked as far as a machine without systemd as its init
 * can: {@code systemd-analyze verify} (where the machine has it, as Debian does), the settings the units promise
 * (restart on failure, a stop timeout longer than the process's own drain, the JVM's exit code on SIGTERM
 * counted as success, file-descriptor limits), every environment variable they and their example files set
 * being a twin the jar's {@code --help} lists, and each unit's command line, with its environment, actually
 * starting the process, answering health and stopping on SIGTERM with an exit code the unit calls success.
 */
@Timeout(180)
class SystemdUnitsIT {
    private static final Path UNITS = Path.of(System.getProperty("tandem.root"), "deploy", "systemd").toAbsolutePath().normalize();
    private static final String SERVER_JAR = System.getProperty("tandem.server.jar");
    private static final String LB_JAR = System.getProperty("tandem.lb.jar");

    @Test
    void unitsPassSystemdAnalyzeVerifyWhereTheMachineHasIt() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            // A JDK-only machine: the other tests here still check what the units say.
            System.out.println("SystemdUnitsIT: no systemd-analyze on this machine, verify not run");
            return;
        }
        Path dir = Files.createTempDirectory("tandem-units-");
        // A template is verified as an instance of itself, as systemctl would load it.
        Files.copy(UNITS.resolve("tandem-server@.service"), dir.resolve("tandem-server@s1.service"));
        Files.copy(UNITS.resolve("tandem-lb.service"), dir.resolve("tandem-lb.service"));
        Files.copy(UNITS.resolve("tandem.target"), dir.resolve("tandem.target"));
        Process verify = new ProcessBuilder(analyze.toString(), "verify",
                "tandem-server@s1.service", "tandem-lb.service", "tandem.target")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // verify exits 0 on unknown keys and keys in the wrong section; a clean unit prints nothing at all.
        assertThat(output).as("systemd-analyze verify output").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    @Test
    void unitsRestartOnFailureAndStopGracefully() throws IOException {
        for (String name : List.of("tandem-server@.service", "tandem-lb.service")) {
            UnitFile unit = UnitFile.read(UNITS.resolve(name));
            assertThat(unit.get("Service", "Restart")).as(name + " Restart=").isEqualTo("on-failure");
            assertThat(unit.get("Service", "KillSignal")).as(name + " KillSignal=").isEqualTo("SIGTERM");
            // The JVM exits 128+15 after its shutdown hooks ran: that is the graceful stop, not a failure.
            assertThat(successStatuses(unit)).as(name + " SuccessExitStatus=").contains(143);
            assertThat(Long.parseLong(unit.get("Service", "LimitNOFILE"))).as(name + " LimitNOFILE=").isGreaterThanOrEqualTo(65536);
            assertThat(unit.get("Service", "User")).as(name + " User=").isNotBlank().isNotEqualTo("root");
            assertThat(unit.get("Service", "NoNewPrivileges")).isEqualTo("yes");
            assertThat(unit.get("Install", "WantedBy")).isEqualTo("tandem.target");
        }
        // The stop timeout leaves room for each process's own drain before systemd's SIGKILL.
        UnitFile lb = UnitFile.read(UNITS.resolve("tandem-lb.service"));
        long lbDrainMs = Long.parseLong(UnitFile.readEnvironmentFile(UNITS.resolve("lb.env.example")).get("TANDEM_LB_DRAIN_MS"));
        assertThat(seconds(lb.get("Service", "TimeoutStopSec")) * 1000).isGreaterThan(lbDrainMs + 5_000);
        UnitFile server = UnitFile.read(UNITS.resolve("tandem-server@.service"));
        assertThat(seconds(server.get("Service", "TimeoutStopSec"))).as("server drain is 3 s, then Jetty and Redis close")
                .isGreaterThanOrEqualTo(10);
        assertThat(server.get("Service", "ExecStart")).endsWith("-jar /opt/tandem/" + new File(SERVER_JAR).getName());
        assertThat(lb.get("Service", "ExecStart")).endsWith("-jar /opt/tandem/" + new File(LB_JAR).getName());
    }

    @Test
    void everyVariableTheUnitsSetIsATwinTheJarLists() throws Exception {
        String serverHelp = help(SERVER_JAR);
        String lbHelp = help(LB_JAR);
        Map<String, String> server = new LinkedHashMap<>(UnitFile.read(UNITS.resolve("tandem-server@.service")).environment());
        server.putAll(UnitFile.readEnvironmentFile(UNITS.resolve("server.env.example")));
        Map<String, String> lb = new LinkedHashMap<>(UnitFile.read(UNITS.resolve("tandem-lb.service")).environment());
        lb.putAll(UnitFile.readEnvironmentFile(UNITS.resolve("lb.env.example")));
        assertThat(server).isNotEmpty();
        assertThat(lb).isNotEmpty();
        for (String variable : server.keySet()) {
            assertThat(serverHelp).as("tandem-server --help lists " + variable).contains(variable);
        }
        for (String variable : lb.keySet()) {
            assertThat(lbHelp).as("tandem-lb --help lists " + variable).contains(variable);
        }
    }

    @Test
    void theUnitsCommandLinesStartHealthyProcessesThatStopOnSigtermWithASuccessStatus() throws Exception {
        Path logs = Files.createTempDirectory("tandem-units-run-");
        UnitFile serverUnit = UnitFile.read(UNITS.resolve("tandem-server@.service"));
        UnitFile lbUnit = UnitFile.read(UNITS.resolve("tandem-lb.service"));
        try (RunningRedis redis = RedisRunner.start()) {
            int serverPort = RedisRunner.freePort();
            int lbPort = RedisRunner.freePort();
            // What systemd would hand the server: its credential directory (%d) with the cluster secret.
            Path credentials = Files.createTempDirectory("tandem-credentials-");
            Files.writeString(credentials.resolve("cluster-secret"), "unit-test-cluster-secret-0123456789");

            Map<String, String> serverEnv = new LinkedHashMap<>();
            serverUnit.environment().forEach((k, v) -> serverEnv.put(k, v.replace("%i", "s1").replace("%d", credentials.toString())));
            serverEnv.putAll(UnitFile.readEnvironmentFile(UNITS.resolve("server.env.example")));
            serverEnv.put("TANDEM_PORT", Integer.toString(serverPort));
            int metricsPort = RedisRunner.freePort();
            serverEnv.put("TANDEM_METRICS_PORT", Integer.toString(metricsPort));
            serverEnv.put("REDIS_URL", redis.url());
            serverEnv.put("TANDEM_PBKDF2_ITERATIONS", "20000");

            Map<String, String> lbEnv = new LinkedHashMap<>(UnitFile.readEnvironmentFile(UNITS.resolve("lb.env.example")));
            lbEnv.put("TANDEM_LB_PORT", Integer.toString(lbPort));
            lbEnv.put("TANDEM_LB_HOST", "127.0.0.1");
            lbEnv.put("TANDEM_BACKENDS", "s1=http://127.0.0.1:" + serverPort);

            Process server = start(serverUnit, SERVER_JAR, serverEnv, logs.resolve("server.log"));
            Process lb = null;
            try {
                assertThat(Http.awaitGet(serverPort, "/health", Duration.ofSeconds(60), r -> r.statusCode() == 200).body())
                        .as("the server id comes from the instance name").contains("\"serverId\":\"s1\"");
                assertThat(Http.get(metricsPort, "/metrics").body()).as("the example's metrics port serves Prometheus text")
                        .contains("tandem_connections{server=\"s1\"}");
                lb = start(lbUnit, LB_JAR, lbEnv, logs.resolve("lb.log"));
                assertThat(Http.awaitGet(lbPort, "/lb/status", Duration.ofSeconds(60),
                        r -> r.statusCode() == 200 && r.body().contains("\"healthy\":true")).body()).contains("s1");

                assertStopsAsTheUnitExpects(lb, lbUnit);
                assertStopsAsTheUnitExpects(server, serverUnit);
            } finally {
                kill(lb);
                kill(server);
            }
        }
    }

    /** SIGTERM, as systemd's KillSignal=; the process must be gone within TimeoutStopSec with a success status. */
    private static void assertStopsAsTheUnitExpects(Process process, UnitFile unit) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(seconds(unit.get("Service", "TimeoutStopSec")), TimeUnit.SECONDS))
                .as(unit.path().getFileName() + " stopped before systemd's SIGKILL").isTrue();
        Set<Integer> success = new HashSet<>(successStatuses(unit));
        success.add(0);
        assertThat(success).as(unit.path().getFileName() + " exit status " + process.exitValue() + " counts as success")
                .contains(process.exitValue());
    }

    /** ExecStart= as systemd would run it, with the installed paths replaced by this build's. */
    private static Process start(UnitFile unit, String jar, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(unit.get("Service", "ExecStart").split("\\s+")));
        assertThat(command.get(0)).isEqualTo("/usr/bin/java");
        command.set(0, TandemJar.jdkTool("java"));
        command.replaceAll(arg -> arg.startsWith("/opt/tandem/") ? jar : arg);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TANDEM_") || k.equals("REDIS_URL"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String help(String jar) throws Exception {
        Process process = new ProcessBuilder(TandemJar.jdkTool("java"), "-jar", jar, "--help").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(jar + " --help exit status").isZero();
        return out;
    }

    private static List<Integer> successStatuses(UnitFile unit) {
        String value = unit.get("Service", "SuccessExitStatus");
        return value == null ? List.of() : Arrays.stream(value.split("\\s+")).map(Integer::parseInt).toList();
    }

    private static long seconds(String timespan) {
        assertThat(timespan).as("a timespan in plain seconds").matches("\\d+");
        return Long.parseLong(timespan);
    }

    private static void kill(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
