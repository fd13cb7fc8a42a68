package dev.tandem.lb.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fat jar {@code target/tandem-lb.jar} running as its own process, as users run it: started with the given
 * JVM options and flags, its stdout and stderr captured in one file, and its resident memory read from
 * {@code /proc/<pid>/status}. {@link #close} stops it with SIGTERM (then SIGKILL after 20 s).
 * <p>
 * Threads: not thread-safe; one test thread drives it.
 */
public final class ProxyProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "tandem-lb.jar");

    private final Process process;
    private final Path output;
    private final int port;

    private ProxyProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts the jar on a free loopback port in front of {@code backendUrl} and waits until it answers. */
    public static ProxyProcess start(List<String> jvmOptions, String backendUrl, String... flags) throws IOException {
        int port = freePort();
        Path out = Files.createTempFile("lb-process", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--backend", "s1=" + backendUrl));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TANDEM_"));
        ProxyProcess p = new ProxyProcess(pb.start(), out, port);
        Await.until(Duration.ofSeconds(30), "the proxy answers /lb/status", () -> {
            try {
                return RawHttp.exchange(port, RawHttp.get("/lb/status")).status() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return p;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's resident set in KiB ({@code VmRSS}). */
    public long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the proxy's /proc status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status");
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    public long outputBytes() throws IOException {
        return Files.size(output);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
