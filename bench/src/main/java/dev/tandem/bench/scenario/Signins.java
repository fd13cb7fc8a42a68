package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-ins per second: W workers each loop connect → sign_in (password) → welcome → close.
 * The first sign-in of each bench user registers it (a warm-up should cover that); the measured window
 * then counts sign-ins against existing accounts, whose cost is the deliberately slow password hash.
 */
public final class Signins {
    private static final Logger log = LoggerFactory.getLogger(Signins.class);
    /** A fixed password for the bench's own accounts, unless TANDEM_BENCH_PASSWORD says otherwise. */
    public static final String DEFAULT_PASSWORD = "bench-password-1";

    private final BenchOptions options;
    private final ChatWire wire;
    private final Credentials password;
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();
    private volatile long windowStart;
    private volatile long windowEnd;
    private volatile boolean running = true;

    public Signins(BenchOptions options, ChatWire wire, String password) {
        this.options = options;
        this.wire = wire;
        this.password = new Credentials.Password(password);
    }

    public record Result(int workers, double durationSeconds, long signIns, double signInsPerSecond, long errors,
                         long failedConnections, Latency latency, Map<String, String> sampleProblems) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workers", workers);
            m.put("durationSeconds", durationSeconds);
            m.put("signIns", signIns);
            m.put("signInsPerSecond", FanoutResult.round(signInsPerSecond));
            m.put("errors", errors);
            m.put("failedConnections", failedConnections);
            m.put("latency", latency.toMap());
            m.put("sampleProblems", sampleProblems);
            return m;
        }
    }

    public Result run() throws Exception {
        long start = System.nanoTime();
        windowStart = start + (long) (options.warmupSeconds * 1e9);
        windowEnd = windowStart + (long) (options.durationSeconds * 1e9);
        log.info("signins: {} workers for {}s + {}s warm-up against {}", options.clients, options.durationSeconds,
                options.warmupSeconds, options.urls);
        try (WsClients net = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            for (int i = 0; i < options.clients; i++) {
                String user = ClientPool.userName(options.userPrefix + "pw-", i);
                attempt(net, user, i);
            }
            long left;
            while ((left = windowEnd - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
            }
            running = false;
            // Let attempts in flight finish (bounded), so their connections close cleanly.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        long n = completed.sum();
        return new Result(options.clients, options.durationSeconds, n, n / options.durationSeconds, errors.sum(),
                failures.sum(), Latency.of(latencyMicros.getIntervalHistogram()), Map.copyOf(sampleProblems));
    }

    /** One connect → sign in → close cycle; the close starts the next cycle while the run lasts. */
    private void attempt(WsClients net, String user, int index) {
        if (!running) {
            return;
        }
        active.incrementAndGet();
        long began = System.nanoTime();
        ClientEvents events = new ClientEvents() {
            @Override
            public void onReady(BenchClient client) {
                long now = System.nanoTime();
                if (began >= windowStart && now < windowEnd) {
                    completed.increment();
                    latencyMicros.recordValue((now - began) / 1000);
                }
                client.close();
            }

            @Override
            public void onError(BenchClient client, String frame) {
                errors.increment();
                sampleProblems.putIfAbsent("error", frame);
                client.close();
            }

            @Override
            public void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
                active.decrementAndGet();
                if (!wasReady) {
                    failures.increment();
                    sampleProblems.putIfAbsent("connect", client.user + ": " + client.closeDescription());
                    // Back off a little so a refusing server is not hammered in a tight loop.
                    client.connection().eventLoop().schedule(() -> attempt(net, user, index), 100, TimeUnit.MILLISECONDS);
                } else {
                    attempt(net, user, index);
                }
            }
        };
        BenchClient client = new BenchClient(0, user, wire, password, events);
        net.connect(wire.connectUri(options.urlFor(index), user), index, client);
    }
}
