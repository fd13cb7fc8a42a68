package dev.tandem.lb;

import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.ProxyProcess;
import dev.tandem.lb.support.RawHttp;
import dev.tandem.lb.support.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: a pipelining burst on a few connections must not make the proxy keep memory. The real jar runs
 * with the JVM options its launchers use ({@link #LAUNCHER_JVM_OPTIONS}); four connections each pipeline
 * {@link #REQUESTS_PER_CONNECTION} requests as fast as the socket takes them while reading the answers.
 * The proxy's resident memory is sampled before, during and after; it must stay within {@link #GROWTH_BOUND_KIB}
 * of its start during the burst and come back within {@link #AFTER_BOUND_KIB} of it once the connections close.
 */
@Timeout(120)
class PipelineMemoryIT {
    /** The options of {@code ./tandem}'s and the systemd unit's proxy (keep in step with them). */
    static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseG1GC",
            "-XX:G1PeriodicGCInterval=2000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:+ExitOnOutOfMemoryError");
    /**
     * Returns the C heap glibc keeps after the JIT's burst of compilations (~25 MiB); {@code ./tandem} adds it
     * when the JDK has it as a product flag, as here (an older JDK refuses to start with it).
     */
    static final String NATIVE_TRIM = "-XX:TrimNativeHeapInterval=5000";
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 50_000;
    private static final long GROWTH_BOUND_KIB = 120 * 1024;
    /**
     * With the native trim: measured -9 to +9 MiB on a quiet machine (README "Memory"), up to +23.5 MiB at a load
     * of 22 on 2 cores, where the JIT is still compiling when the burst ends; before the fix it stayed 435 MiB up.
     * Without the trim, what G1 alone gives back, with the same margin for a loaded machine.
     */
    private static final long AFTER_BOUND_KIB = 40 * 1024;
    private static final long AFTER_BOUND_WITHOUT_TRIM_KIB = 64 * 1024;
    private static final byte[] REQUEST = "GET /info?user=alice HTTP/1.1\r\nHost: lb\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_LINE = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPipeliningBurstIsReadOnlyAsFastAsItIsAnsweredAndItsMemoryIsReturned() throws Exception {
        List<String> options = jvmOptions();
        long afterBound = options.contains(NATIVE_TRIM) ? AFTER_BOUND_KIB : AFTER_BOUND_WITHOUT_TRIM_KIB;
        try (TestBackend backend = TestBackend.start("s1");
             ProxyProcess proxy = ProxyProcess.start(options, backend.url())) {
            warmUp(proxy.port());
            long before = settledRss(proxy);
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(2 * CONNECTIONS + 1);
            try {
                Future<?> sampler = pool.submit(() -> {
                    while (!done.get()) {
                        peak.accumulateAndGet(proxy.rssKib(), Math::max);
                        Thread.sleep(50); // sampling period of the RSS probe, not a wait for a condition
                    }
                    return null;
                });
                List<Future<Long>> answers = new ArrayList<>();
                List<Socket> sockets = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
                    sockets.add(s);
                    pool.submit(() -> pipeline(s.getOutputStream()));
                    answers.add(pool.submit(() -> countAnswers(s.getInputStream(), REQUESTS_PER_CONNECTION)));
                }
                for (Future<Long> a : answers) {
                    assertThat(a.get()).isEqualTo(REQUESTS_PER_CONNECTION);
                }
                for (Socket s : sockets) {
                    s.close();
                }
                done.set(true);
                sampler.get();
            } finally {
                done.set(true);
                pool.shutdownNow();
            }
            System.out.printf("PipelineMemoryIT: %d x %d pipelined requests; RSS before %d KiB, peak %d KiB%n",
                    CONNECTIONS, REQUESTS_PER_CONNECTION, before, peak.get());
            assertThat(peak.get() - before).as("RSS growth during the burst (KiB)").isLessThan(GROWTH_BOUND_KIB);
            Await.until(Duration.ofSeconds(30), "the proxy's RSS back within " + afterBound
                    + " KiB of its start (" + before + " KiB), options " + options,
                    () -> proxy.rssKib() - before < afterBound);
            System.out.printf("PipelineMemoryIT: options %s; RSS after %d KiB%n", options, proxy.rssKib());
        }
    }

    /** Override with {@code -Dlb.memory.jvm="..."} to measure other options (the figures in the README). */
    private static List<String> jvmOptions() throws IOException, InterruptedException {
        String custom = System.getProperty("lb.memory.jvm");
        if (custom != null) {
            return custom.isBlank() ? List.of() : List.of(custom.trim().split("\\s+"));
        }
        List<String> options = new ArrayList<>(LAUNCHER_JVM_OPTIONS);
        if (javaAccepts(NATIVE_TRIM)) {
            options.add(NATIVE_TRIM);
        }
        return options;
    }

    /** Whether this JDK starts with {@code option}, as {@code ./tandem} decides whether to pass it. */
    private static boolean javaAccepts(String option) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, option, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(java + " " + option + " -version did not finish in 60 s");
        }
        return p.exitValue() == 0;
    }

    /** A few requests so that classes are loaded and the first-use allocations are in the baseline. */
    private static void warmUp(int port) throws IOException {
        for (int i = 0; i < 50; i++) {
            assertThat(RawHttp.exchange(port, RawHttp.get("/info?user=alice")).status()).isEqualTo(200);
        }
    }

    /** The RSS once two readings 200 ms apart agree within 1 MiB (start-up allocation has ended). */
    private static long settledRss(ProxyProcess proxy) {
        long[] last = {proxy.rssKib()};
        long[] settled = {0};
        Await.until(Duration.ofSeconds(20), "the proxy's RSS settles", () -> {
            try {
                Thread.sleep(200); // the interval between the two readings being compared
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            long now = proxy.rssKib();
            boolean stable = Math.abs(now - last[0]) < 1024;
            last[0] = now;
            settled[0] = now;
            return stable;
        });
        return settled[0];
    }

    private static Void pipeline(OutputStream out) throws IOException {
        byte[] batch = new byte[REQUEST.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(REQUEST, 0, batch, i * REQUEST.length, REQUEST.length);
        }
        try {
            for (int sent = 0; sent < REQUESTS_PER_CONNECTION; sent += 1000) {
                out.write(batch);
            }
            out.flush();
        } catch (IOException closedAtTheEnd) {
            // the test closes the socket once every answer is in
        }
        return null;
    }

    /** Reads until {@code expected} status lines have arrived; returns how many did. */
    private static long countAnswers(InputStream in, long expected) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long seen = 0;
        int matched = 0;
        int n;
        while (seen < expected && (n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == STATUS_LINE[matched]) {
                    if (++matched == STATUS_LINE.length) {
                        seen++;
                        matched = 0;
                    }
                } else {
                    matched = b == STATUS_LINE[0] ? 1 : 0;
                }
            }
        }
        return seen;
    }
}
