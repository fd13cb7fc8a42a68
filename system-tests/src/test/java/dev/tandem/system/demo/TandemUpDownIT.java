package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ChatMessage;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.Http;
import dev.tandem.server.support.TestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./tandem up}, {@code status} and {@code down} as the README tells a newcomer to run them: a real
 * Redis, two real server processes and the real proxy, started once for the class on ports the test chose,
 * under a state directory of its own. The tests run in order; the last one stops the backend and checks that
 * nothing it started is left.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TandemUpDownIT {
    private static final Pattern SERVER_ID = Pattern.compile("\"serverId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> PROCESSES = List.of("lb", "s1", "s2", "redis", "redis-server");

    private static TandemScript tandem;
    private static int lbPort;
    private static int basePort;
    private static int redisPort;

    @BeforeAll
    static void up() throws IOException {
        tandem = new TandemScript(Files.createTempDirectory("tandem-up-"));
        for (String jar : List.of("redis-runner/target/tandem-redis.jar", "server/target/tandem-server.jar",
                "loadbalancer/target/tandem-lb.jar")) {
            tandem.assertBuilt(jar); // so `up` never starts a Maven build inside this one
        }
        basePort = TandemScript.freePorts(2);
        lbPort = TandemScript.freePort();
        redisPort = TandemScript.freePort();
        tandem.with("TANDEM_LB_PORT", Integer.toString(lbPort))
                .with("TANDEM_BASE_PORT", Integer.toString(basePort))
                .with("TANDEM_REDIS_PORT", Integer.toString(redisPort));

        TandemScript.Result up = tandem.run("up", "--servers", "2");

        assertThat(up.exitCode()).as("./tandem up said:\n%s", up.output()).isZero();
        assertThat(up.output()).contains("Tandem backend is up: ws://localhost:" + lbPort + "/ws")
                .contains("appendfsync everysec");
    }

    @AfterAll
    static void stopWhateverIsLeft() throws IOException {
        if (tandem == null) {
            return;
        }
        // Only when a test failed before `down` ran: never leave processes behind.
        if (tandem.recordedPids().values().stream().anyMatch(TandemScript::isAlive)) {
            tandem.run("down");
        }
        tandem.recordedPids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try (Stream<Path> files = Files.walk(tandem.home())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void recordsEveryProcessItStartedWithItsLog() {
        Map<String, Long> pids = tandem.recordedPids();

        assertThat(pids).containsOnlyKeys(PROCESSES);
        pids.forEach((name, pid) -> assertThat(TandemScript.isAlive(pid)).as("%s (pid %d) is alive", name, pid).isTrue());
        for (String name : List.of("lb", "s1", "s2", "redis")) {
            assertThat(tandem.home().resolve("logs/" + name + ".log")).isRegularFile();
        }
        // Redis keeps its data in the append-only file: appendonly.aof (Redis 6) or appendonlydir/ (Redis 7).
        Path data = tandem.home().resolve("redis");
        assertThat(Files.exists(data.resolve("appendonly.aof")) || Files.isDirectory(data.resolve("appendonlydir")))
                .as("an append-only file in %s", data).isTrue();
    }

    @Test
    @Order(2)
    void everyServerAndTheProxyAnswerHealth() {
        assertThat(serverIdAt(basePort, "/health")).isEqualTo("s1");
        assertThat(serverIdAt(basePort + 1, "/health")).isEqualTo("s2");

        HttpResponse<String> status = Http.get(lbPort, "/lb/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"healthyBackends\":2");

        // Through the proxy: each user's /health comes from the server that user is pinned to.
        assertThat(serverIdAt(lbPort, "/health?user=ann")).isIn("s1", "s2");
        assertThat(serverIdAt(lbPort, "/health?user=ann")).isEqualTo(serverIdAt(lbPort, "/health?user=ann"));
    }

    @Test
    @Order(3)
    void chatCrossesFromOneServerToTheOtherThroughTheProxy() {
        String[] users = twoUsersOnDifferentServers();
        String first = users[0];
        String second = users[1];

        try (TestClient a = TestClient.connect(lbPort, first); TestClient b = TestClient.connect(lbPort, second)) {
            a.send(new ClientMessage.SignIn(Protocol.VERSION, first, "password-" + first));
            b.send(new ClientMessage.SignIn(Protocol.VERSION, second, "password-" + second));
            String serverA = a.next(ServerMessage.Welcome.class).serverId();
            String serverB = b.next(ServerMessage.Welcome.class).serverId();
            assertThat(serverA).isNotEqualTo(serverB);

            a.send(new ClientMessage.ChatSend("demo-1", "hello from " + serverA));
            ChatMessage got = b.await(ChatMessage.class, m -> "demo-1".equals(m.clientId()));

            assertThat(got.author()).isEqualTo(first);
            assertThat(got.text()).isEqualTo("hello from " + serverA);
            assertThat(got.serverId()).isEqualTo(serverA);
        }
    }

    @Test
    @Order(4)
    void serversShareTheClusterSecretFromAPrivateFileNeverFromArguments() throws IOException {
        Path secretFile = tandem.home().resolve("cluster-secret");
        String secret = Files.readString(secretFile).strip();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Files.getPosixFilePermissions(secretFile))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        tandem.recordedPids().forEach((name, pid) -> {
            Optional<String> commandLine = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine());
            assertThat(commandLine).as("command line of %s", name).isPresent();
            assertThat(commandLine.get()).as("command line of %s", name).doesNotContain(secret);
        });

        // The shared secret is what makes a resume token from one server good on the other.
        String token;
        try (TestClient onS1 = TestClient.connect(basePort, "zoe")) {
            onS1.send(new ClientMessage.SignIn(Protocol.VERSION, "zoe", "password-zoe"));
            token = onS1.next(ServerMessage.Welcome.class).resumeToken();
        }
        try (TestClient onS2 = TestClient.connect(basePort + 1, "zoe")) {
            onS2.send(new ClientMessage.Resume(Protocol.VERSION, token));
            ServerMessage.Welcome welcome = onS2.next(ServerMessage.Welcome.class);
            assertThat(welcome.serverId()).isEqualTo("s2");
            assertThat(welcome.user()).isEqualTo("zoe");
        }
    }

    @Test
    @Order(5)
    void statusShowsEveryProcessRunningAndHealthy() {
        TandemScript.Result status = tandem.run("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .containsPattern("(?m)^lb +\\d+ +running +" + lbPort + " +GET /lb/status 200")
                .containsPattern("(?m)^s1 +\\d+ +running +" + basePort + " +GET /health 200")
                .containsPattern("(?m)^s2 +\\d+ +running +" + (basePort + 1) + " +GET /health 200")
                .containsPattern("(?m)^redis +\\d+ +running +" + redisPort + " +PING answered");
    }

    @Test
    @Order(6)
    void downStopsEverythingItStartedAndFreesEveryPort() {
        Map<String, Long> pids = tandem.recordedPids();
        assertThat(pids).containsOnlyKeys(PROCESSES);

        TandemScript.Result down = tandem.run("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("nothing left running").contains("kept: the Redis data");
        assertThat(tandem.home().resolve("redis")).isDirectory();
        assertThat(tandem.home().resolve("cluster-secret")).isRegularFile();
        pids.forEach((name, pid) -> assertThat(TandemScript.awaitGone(pid, Duration.ofSeconds(10)))
                .as("%s (pid %d) is gone", name, pid).isTrue());
        for (int port : List.of(lbPort, basePort, basePort + 1, redisPort)) {
            assertThat(TandemScript.listening(port)).as("port %d is free", port).isFalse();
        }
        assertThat(tandem.recordedPids()).isEmpty();

        TandemScript.Result status = tandem.run("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.output()).contains("nothing running");
    }

    private static String serverIdAt(int port, String path) {
        HttpResponse<String> response = Http.get(port, path);
        assertThat(response.statusCode()).as("GET %s on port %d: %s", path, port, response.body()).isEqualTo(200);
        Matcher matcher = SERVER_ID.matcher(response.body());
        assertThat(matcher.find()).as("serverId in %s", response.body()).isTrue();
        return matcher.group(1);
    }

    /** Asks the proxy where candidate users land, as {@code ./tandem demo} does, and returns two apart. */
    private static String[] twoUsersOnDifferentServers() {
        String first = "ann";
        String firstServer = serverIdAt(lbPort, "/health?user=" + first);
        for (String candidate : List.of("ben", "cleo", "dan", "eva", "finn", "gus", "hana", "ivo", "jill", "kai")) {
            if (!serverIdAt(lbPort, "/health?user=" + candidate).equals(firstServer)) {
                return new String[] {first, candidate};
            }
        }
        throw new AssertionError("the proxy put ten users on the same server as ann (" + firstServer + ")");
    }
}
