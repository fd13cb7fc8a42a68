package dev.tandem.system.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Runs the repository's {@code ./tandem} script as a user would, against its own state directory
 * ({@code TANDEM_HOME}) and ports chosen free by the test, so it never meets a developer's running demo.
 * Not thread-safe: one test class drives one instance from the JUnit thread. Public for the desktop window
 * tests ({@code dev.tandem.system.client}) that run a real window against a backend the script started.
 */
public final class TandemScript {
    /** What one run of the script did. */
    public record Result(int exitCode, String output) {
    }

    private final Path root;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private int lbPort;
    private int basePort;

    public TandemScript(Path home) {
        this.root = Path.of(System.getProperty("tandem.root")).toAbsolutePath().normalize();
        this.home = home;
        // The same JDK that runs the tests runs the backend; no Redis, display or port from the developer's shell.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TANDEM_HOME", home.toString());
        env.put("TANDEM_START_TIMEOUT", "120");
        // The servers inherit the script's environment: a lower work factor through the documented twin keeps
        // sign-ins quick on a cold JVM; these tests are about processes, ports and signals, not the hash.
        env.put("TANDEM_PBKDF2_ITERATIONS", "20000");
    }

    /**
     * A script in a fresh state directory of its own, the three jars checked built (so {@code up} never starts
     * a Maven build inside the test's), on free ports for the proxy, the two servers and Redis.
     */
    public static TandemScript onFreePorts(String prefix) throws IOException {
        TandemScript tandem = new TandemScript(Files.createTempDirectory(prefix));
        for (String jar : List.of("redis-runner/target/tandem-redis.jar", "server/target/tandem-server.jar",
                "loadbalancer/target/tandem-lb.jar")) {
            tandem.assertBuilt(jar);
        }
        tandem.lbPort = freePort();
        tandem.basePort = freePorts(2);
        tandem.with("TANDEM_LB_PORT", Integer.toString(tandem.lbPort))
                .with("TANDEM_BASE_PORT", Integer.toString(tandem.basePort))
                .with("TANDEM_REDIS_PORT", Integer.toString(freePort()));
        return tandem;
    }

    /** Quicker JVM start-ups (C1 only, one GC thread, small heaps): for tests that restart processes often. */
    public TandemScript withQuickJvms() {
        return with("TANDEM_SERVER_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                .with("TANDEM_LB_JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    /** The proxy's port, for a script made by {@link #onFreePorts}. */
    public int lbPort() {
        return lbPort;
    }

    /** The first server's port (s2 is the next one), for a script made by {@link #onFreePorts}. */
    public int basePort() {
        return basePort;
    }

    public Path root() {
        return root;
    }

    public Path home() {
        return home;
    }

    /** Sets (or with null, removes) a variable of the script's environment. */
    public TandemScript with(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs {@code ./tandem args...} to completion (bounded) and returns its exit code and combined output. */
    public Result run(String... args) {
        try {
            Path output = Files.createTempFile(home, "run-", ".out");
            List<String> command = new ArrayList<>(List.of("bash", root.resolve("tandem").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            for (String inherited : List.of("REDIS_URL", "DISPLAY", "WAYLAND_DISPLAY", "TANDEM_LB_PORT",
                    "TANDEM_BASE_PORT", "TANDEM_REDIS_PORT", "TANDEM_REDIS_FSYNC", "TANDEM_CLUSTER_SECRET",
                    "TANDEM_CLUSTER_SECRET_FILE", "TANDEM_PREVIOUS_SECRET_FILE")) {
                environment.remove(inherited);
            }
            env.forEach((name, value) -> {
                if (value == null) {
                    environment.remove(name);
                } else {
                    environment.put(name, value);
                }
            });
            Process process = builder.start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("./tandem " + String.join(" ", args) + " did not finish within 4 minutes:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Ends a test class: {@code ./tandem down --wipe}, then kills whatever a failed test left running and
     * deletes the state directory, so no process or file outlives the class.
     */
    public void downAndWipe() throws IOException {
        Map<String, Long> pids = recordedPids();
        run("down", "--wipe");
        pids.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Process name (lb, s1, redis, ...) to the PID the script recorded in TANDEM_HOME/pids. */
    public Map<String, Long> recordedPids() {
        Path dir = home.resolve("pids");
        Map<String, Long> pids = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(name, Long.parseLong(Files.readString(file).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Waits until {@code pid} is gone. An exited process the script left behind was re-parented to init, and
     * stays visible as a zombie until init reaps it, so "gone" is awaited rather than checked once.
     */
    static boolean awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // Poll interval of the condition wait.
        }
        return true;
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port such that it and the {@code count - 1} ports after it were free a moment ago. */
    public static int freePorts(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + count > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int i = 1; i < count && allFree; i++) {
                allFree = bindable(first + i);
            }
            if (allFree) {
                return first;
            }
        }
        throw new AssertionError("found no " + count + " free consecutive ports");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asserts that the fat jar {@code path} (relative to the repository root) was built. */
    public void assertBuilt(String path) {
        assertThat(root.resolve(path)).as("%s (built by ./mvnw package before this test)", path).isRegularFile();
    }
}
