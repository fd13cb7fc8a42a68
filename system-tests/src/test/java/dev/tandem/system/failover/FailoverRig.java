package dev.tandem.system.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.lb.LoadBalancer;
import dev.tandem.lb.config.BackendSpec;
import dev.tandem.lb.config.LbConfig;
import dev.tandem.lb.routing.RendezvousHash;
import dev.tandem.lb.status.StatusReport;
import dev.tandem.model.ResumeTokens;
import dev.tandem.redis.RedisRunner;
import dev.tandem.redis.RunningRedis;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.support.Await;
import dev.tandem.system.support.TandemJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension for the failover tests: one real Redis, app servers s1..sN as real
 * {@code java -jar tandem-server.jar} processes, and the proxy in front of them, either in this JVM
 * ({@link LoadBalancer}, short health intervals) or as its own {@code java -jar tandem-lb.jar} process.
 * Processes can be killed with SIGKILL ({@link Process#destroyForcibly()}) and started again on the same
 * port. Everything is started once per test class and always stopped in {@link #afterAll} (and by a JVM
 * shutdown hook should the test JVM be torn down first).
 * <p>Clients sign in with resume tokens minted from the cluster secret the processes are given, so no test
 * pays for the password hash.
 * <p>Threads: set up and torn down on JUnit's thread; the methods are for the test thread.
 */
final class FailoverRig implements BeforeAllCallback, AfterAllCallback {
    /** Health checks every 200 ms, down after 2 failures: a dead backend leaves routing within about a second. */
    static final Duration HEALTH_INTERVAL = Duration.ofMillis(200);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ResumeTokens TOKENS =
            new ResumeTokens(ServerConfig.TEST_SECRET.getBytes(StandardCharsets.UTF_8));

    enum ProxyKind { IN_JVM, PROCESS }

    private final int size;
    private final ProxyKind proxyKind;
    private final List<Process> everyProcess = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Path logs;
    private RunningRedis redis;
    private LoadBalancer lb;
    private Process lbProcess;
    private int lbPort;
    private Thread shutdownHook;

    private FailoverRig(int size, ProxyKind proxyKind) {
        this.size = size;
        this.proxyKind = proxyKind;
    }

    /** Redis, {@code servers} server processes, and the proxy of {@code kind}. */
    static FailoverRig of(int servers, ProxyKind kind) {
        return new FailoverRig(servers, kind);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        shutdownHook = new Thread(() -> everyProcess.forEach(Process::destroyForcibly), "failover-rig-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Path target = Path.of(System.getProperty("tandem.root", ".."), "system-tests", "target");
        logs = Files.createDirectories(target.resolve("failover-logs")
                .resolve(context.getRequiredTestClass().getSimpleName() + "-" + run));
        redis = RedisRunner.start();
        for (int i = 1; i <= size; i++) {
            ports.add(RedisRunner.freePort());
            servers.add(null);
        }
        for (int i = 1; i <= size; i++) {
            servers.set(i - 1, launchServer(i)); // all launched first: their JVMs warm up side by side
        }
        for (int i = 1; i <= size; i++) {
            awaitServerHealthy(i);
        }
        List<BackendSpec> backends = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            backends.add(new BackendSpec(id(i), "127.0.0.1", port(i)));
        }
        if (proxyKind == ProxyKind.IN_JVM) {
            lb = LoadBalancer.start(LbConfig.defaults(backends)
                    .withListen("127.0.0.1", 0)
                    .withHealth(HEALTH_INTERVAL, HEALTH_TIMEOUT, 2, 2)
                    .withTunnelCloseGrace(Duration.ofSeconds(1))
                    .withDrainTimeout(Duration.ofSeconds(1)));
            lbPort = lb.port();
        } else {
            lbPort = RedisRunner.freePort();
            startProxyProcess();
        }
        for (int i = 1; i <= size; i++) {
            awaitProxySees(id(i), true);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (lb != null) {
                lb.stop();
            }
        } finally {
            try {
                for (Process p : everyProcess) {
                    TandemJar.stop(p, Duration.ofSeconds(5));
                }
            } finally {
                if (redis != null) {
                    redis.close();
                }
                if (shutdownHook != null) {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                }
                if (logs != null) {
                    System.out.println("[failover] process logs in " + logs.toAbsolutePath().normalize());
                }
            }
        }
    }

    static String id(int i) {
        return "s" + i;
    }

    int port(int i) {
        return ports.get(i - 1);
    }

    int proxyPort() {
        return lbPort;
    }

    Path logs() {
        return logs;
    }

    /** A user name unique to this run whose rendezvous winner among s1..sN is {@code serverId}. */
    String userOn(String serverId, String prefix) {
        for (int n = 0; ; n++) {
            String user = (prefix + "-" + run + "-" + n).toLowerCase();
            if (winner(user).equals(serverId)) {
                return user;
            }
        }
    }

    /** The backend the proxy picks for {@code user} while all are healthy (its rendezvous winner). */
    String winner(String user) {
        String best = id(1);
        for (int i = 2; i <= size; i++) {
            if (RendezvousHash.beats(user, id(i), best)) {
                best = id(i);
            }
        }
        return best;
    }

    static String token(String user) {
        return TOKENS.mint(user, Instant.now(), Duration.ofHours(1));
    }

    boolean alive(int i) {
        Process p = servers.get(i - 1);
        return p != null && p.isAlive();
    }

    /** SIGKILL of server {@code i}: no goodbye to its clients, no lease given up. Returns once it is gone. */
    void kill(int i) throws InterruptedException {
        Process p = servers.get(i - 1);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("s%d gone after SIGKILL", i).isTrue();
        System.out.printf("[failover] %s killed -9 (exit %d)%n", id(i), p.exitValue());
    }

    /** Starts server {@code i} again on its old port and waits for its /health. */
    void restart(int i) throws IOException {
        assertThat(alive(i)).as("s%d is down before its restart", i).isFalse();
        servers.set(i - 1, launchServer(i));
        awaitServerHealthy(i);
        System.out.printf("[failover] %s restarted on port %d%n", id(i), port(i));
    }

    /** SIGKILL of the proxy process. */
    void killProxy() throws InterruptedException {
        assertThat(lbProcess).as("the proxy runs as a process").isNotNull();
        lbProcess.destroyForcibly();
        assertThat(lbProcess.waitFor(10, TimeUnit.SECONDS)).as("proxy gone after SIGKILL").isTrue();
        System.out.printf("[failover] proxy killed -9 (exit %d)%n", lbProcess.exitValue());
    }

    /** Starts the proxy process again on its old port; returns once it answers /lb/status. */
    void restartProxy() throws IOException {
        assertThat(lbProcess.isAlive()).isFalse();
        startProxyProcess();
        System.out.printf("[failover] proxy restarted on port %d%n", lbPort);
    }

    /** Waits until the proxy reports backend {@code id} as {@code healthy}. */
    void awaitProxySees(String id, boolean healthy) {
        Await.until(Duration.ofSeconds(20), "proxy sees " + id + (healthy ? " healthy" : " down"),
                () -> proxyHealth(id) == Boolean.valueOf(healthy));
    }

    /** The proxy's view of backend {@code id}; null when the proxy cannot be asked. */
    Boolean proxyHealth(String id) {
        if (lb != null) {
            for (StatusReport.BackendStatus b : lb.status().backends()) {
                if (b.id().equals(id)) {
                    return b.healthy();
                }
            }
            throw new AssertionError("no backend " + id);
        }
        JsonNode status = proxyStatus();
        if (status == null) {
            return null;
        }
        for (JsonNode b : status.get("backends")) {
            if (b.get("id").asText().equals(id)) {
                return b.get("healthy").asBoolean();
            }
        }
        throw new AssertionError("no backend " + id + " in " + status);
    }

    private JsonNode proxyStatus() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + lbPort + "/lb/status")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Process launchServer(int i) throws IOException {
        Process p = TandemJar.server().jvm("-Xmx256m", "-XX:TieredStopAtLevel=1")
                .args("--port", Integer.toString(port(i)), "--server-id", id(i), "--host", "127.0.0.1",
                        // The chat stream and the todo writers send faster than the default 20/s; limits are tested elsewhere.
                        "--rate-limit", "1000", "--rate-burst", "1000")
                .env("REDIS_URL", redis.url())
                .logTo(logs.resolve(id(i) + ".log"), true)
                .start();
        everyProcess.add(p);
        return p;
    }

    private void awaitServerHealthy(int i) {
        Process p = servers.get(i - 1);
        Await.until(START_TIMEOUT, id(i) + " answers /health 200 (log: " + logs.resolve(id(i) + ".log") + ")", () -> {
            assertThat(p.isAlive()).as("%s still running (log: %s)", id(i), logs.resolve(id(i) + ".log")).isTrue();
            return status("http://127.0.0.1:" + port(i) + "/health") == 200;
        });
    }

    private void startProxyProcess() throws IOException {
        List<String> flags = new ArrayList<>(List.of("--port", Integer.toString(lbPort), "--host", "127.0.0.1",
                "--health-interval-ms", Long.toString(HEALTH_INTERVAL.toMillis()),
                "--health-timeout-ms", Long.toString(HEALTH_TIMEOUT.toMillis()),
                "--tunnel-close-grace-ms", "1000", "--drain-ms", "1000", "--io-threads", "2"));
        for (int i = 1; i <= size; i++) {
            flags.add("--backend");
            flags.add(id(i) + "=http://127.0.0.1:" + port(i));
        }
        lbProcess = TandemJar.proxy().jvm("-Xmx128m", "-XX:TieredStopAtLevel=1").args(flags)
                .logTo(logs.resolve("lb.log"), true)
                .start();
        everyProcess.add(lbProcess);
        Process p = lbProcess;
        Await.until(START_TIMEOUT, "proxy answers /lb/status (log: " + logs.resolve("lb.log") + ")", () -> {
            assertThat(p.isAlive()).as("proxy still running (log: %s)", logs.resolve("lb.log")).isTrue();
            return proxyStatus() != null;
        });
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
