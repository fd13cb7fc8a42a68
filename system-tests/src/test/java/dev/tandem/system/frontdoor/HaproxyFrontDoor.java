package dev.tandem.system.frontdoor;

import dev.tandem.server.support.Await;
import dev.tandem.server.support.TandemCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code haproxy -db} process running the shipped {@code deploy/haproxy/haproxy.cfg} unchanged: its
 * addresses come from the environment the file reads ({@code HAPROXY_BIND}, {@code TANDEM_S1}, {@code TANDEM_S2}),
 * so a broken file fails the tests that use it. A second file, given after it with {@code -f}, adds only a stats
 * listener on another free port, from which {@link #healthy} reads each server's state (CSV).
 * <p>Needs Debian's {@code haproxy} on PATH: the tests using it run under the Maven profile {@code haproxy},
 * which {@code .ci/run} enables after installing the package.
 * <p>Threads: the process is started and stopped on JUnit's thread; {@link #healthy} may be called from any.
 */
final class HaproxyFrontDoor implements FrontDoor {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CHECK = Pattern.compile("default-server\\s+check\\s+inter\\s+(\\d+)s\\s+fall\\s+(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TandemCluster cluster;
    private final int servers;
    private final Path shipped = Path.of(System.getProperty("tandem.root", ".."), "deploy", "haproxy", "haproxy.cfg");
    private volatile Process process;
    private volatile int port;
    private volatile int statsPort;
    private volatile Path workDir;

    HaproxyFrontDoor(TandemCluster cluster, int servers) {
        if (servers != 2) {
            throw new IllegalArgumentException("deploy/haproxy/haproxy.cfg names two servers, s1 and s2; not " + servers);
        }
        this.cluster = cluster;
        this.servers = servers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        statsPort = freePort();
        workDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "haproxy-");
        Path stats = workDir.resolve("test-stats.cfg");
        Files.writeString(stats, String.join("\n",
                "# Added by the tests next to the shipped file: a read-only view of each server's state.",
                "listen test_stats",
                "    bind 127.0.0.1:" + statsPort,
                "    stats enable",
                "    stats uri /stats",
                ""));
        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", shipped.toAbsolutePath().toString(),
                "-f", stats.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("haproxy.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("HAPROXY_BIND", "127.0.0.1:" + port);
        for (int i = 1; i <= servers; i++) {
            env.put("TANDEM_S" + i, "127.0.0.1:" + cluster.port(i));
        }
        process = builder.start();
        Await.until(START_TIMEOUT, "haproxy routing to s1..s" + servers + " (log: " + workDir.resolve("haproxy.log") + ")",
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("haproxy exited with " + process.exitValue() + ": " + log());
                    }
                    for (int i = 1; i <= servers; i++) {
                        if (!healthy("s" + i)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy(); // SIGTERM: haproxy stops at once
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (workDir != null) {
            TandemCluster.deleteTree(workDir);
        }
    }

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public int port() {
        return port;
    }

    /** True while the stats CSV says the server is UP (including "UP 1/2", still routed while going down). */
    @Override
    public boolean healthy(String serverId) {
        List<String> lines;
        try {
            lines = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                    .body().lines().toList();
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new AssertionError("not a stats CSV: " + lines);
        }
        List<String> header = List.of(lines.get(0).substring(2).split(","));
        int status = header.indexOf("status");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length > status && cells[0].equals("tandem_servers") && cells[1].equals(serverId)) {
                return cells[status].startsWith("UP");
            }
        }
        throw new AssertionError("no server " + serverId + " in haproxy's stats: " + lines);
    }

    /** inter × fall of the shipped file's {@code default-server} line. */
    @Override
    public Duration takesOutWithin() {
        try {
            Matcher m = CHECK.matcher(Files.readString(shipped));
            if (!m.find()) {
                throw new AssertionError("no 'default-server check inter <n>s fall <n>' in " + shipped);
            }
            return Duration.ofSeconds(Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("haproxy.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
