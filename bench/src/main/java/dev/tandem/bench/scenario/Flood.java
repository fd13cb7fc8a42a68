package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.Credentials;
import dev.tandem.bench.wire.TandemWire;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's chat flood and two bystanders (issue 17, item 6). The flooder ({@code <prefix>flood}) opens
 * {@code --clients} windows on the first {@code --url} (the flooder's server) and posts to general at
 * {@code --rate} messages per second in all, spread evenly over its windows; a window the server cuts comes
 * back at once, as an attacker's would. Two bystanders, {@code <prefix>near} on the flooder's server and
 * {@code <prefix>far} on the second {@code --url}, each post {@code --probe-rate} messages a second of their
 * own and time each from when it was due to when it came back to them (open loop, as in {@link Fanout}).
 *
 * <p>Figures: each bystander's own-message latency (p50…max), its probes lost (not back by the end of the
 * drain), its disconnects; the flood's posts, and the flooder's windows closed by the server, by close code.
 *
 * <p>Threads: each client's fields belong to its event loop; the counters are thread-safe adders and
 * recorders; the rest is the calling thread's.
 */
public final class Flood {
    private static final Logger log = LoggerFactory.getLogger(Flood.class);
    private static final int NEAR = 0;
    private static final int FAR = 1;
    private static final int FIRST_WINDOW = 100;

    private final BenchOptions options;
    private final TandemWire wire = new TandemWire();
    private final Function<String, Credentials> credentials;
    private final ProbeText probeText;
    private final String runId;
    private final String flooder;

    private final Recorder[] latencyMicros = {new Recorder(3), new Recorder(3)};
    private final LongAdder[] measured = {new LongAdder(), new LongAdder()};
    private final LongAdder[] disconnects = {new LongAdder(), new LongAdder()};
    private final LongAdder posted = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Map<Integer, LongAdder> cutsByCode = new ConcurrentHashMap<>();
    private volatile CountDownLatch ready = new CountDownLatch(0);
    private volatile long windowStart;
    private volatile long windowEnd;
    private volatile boolean flooding;
    private WsClients net;

    public Flood(BenchOptions options, Function<String, Credentials> credentials, String runId) {
        this.options = options;
        this.credentials = credentials;
        this.probeText = new ProbeText(runId);
        this.runId = runId;
        this.flooder = options.userPrefix + "flood";
    }

    /** The figures of one run. */
    public record Result(Latency near, Latency far, long nearLost, long farLost, long nearDisconnects,
                         long farDisconnects, long floodPosted, double floodRateAchieved, Map<Integer, Long> cutsByCode,
                         long reconnects) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bystanderOnFloodersServer", bystander(near, nearLost, nearDisconnects));
            m.put("bystanderOnOtherServer", bystander(far, farLost, farDisconnects));
            m.put("floodPosted", floodPosted);
            m.put("floodPostsPerSecond", floodRateAchieved);
            m.put("flooderWindowsClosedByCode", cutsByCode);
            m.put("flooderReconnects", reconnects);
            return m;
        }

        private static Map<String, Object> bystander(Latency latency, long lost, long disconnects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ownMessageLatency", latency.toMap());
            m.put("lost", lost);
            m.put("disconnects", disconnects);
            return m;
        }
    }

    private final ClientEvents events = new ClientEvents() {
        @Override
        public void onReady(BenchClient client) {
            ready.countDown();
        }

        @Override
        public void onChat(BenchClient client, ByteBuf frame) {
            if (client.index >= FIRST_WINDOW) {
                return; // The flood's own windows only read.
            }
            long now = System.nanoTime();
            ProbeText.Probe p = client.probe;
            if (probeText.find(frame, p) && p.sender == client.index
                    && p.sentNanos >= windowStart && p.sentNanos < windowEnd) {
                measured[client.index].increment();
                latencyMicros[client.index].recordValue(Math.max(0, (now - p.sentNanos) / 1000));
            }
        }

        @Override
        public void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
            if (client.index < FIRST_WINDOW) {
                if (wasReady && flooding) {
                    disconnects[client.index].increment();
                }
                return;
            }
            if (wasReady && flooding) {
                cutsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
                reconnects.increment();
                openWindow(client.index); // Back at once, as an attacker's would be.
            }
        }
    };

    public Result run() throws Exception {
        if (options.urls.size() < 2) {
            throw new IllegalArgumentException("flood needs two --url: the flooder's server, then another one");
        }
        try (WsClients clients = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            net = clients;
            Duration timeout = Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000));
            ready = new CountDownLatch(2 + options.clients);
            List<BenchClient> bystanders = List.of(open(NEAR, options.userPrefix + "near", options.urls.get(0)),
                    open(FAR, options.userPrefix + "far", options.urls.get(1)));
            for (int i = 0; i < options.clients; i++) {
                openWindow(FIRST_WINDOW + i);
            }
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(ready.getCount() + " clients did not sign in");
            }
            flooding = true;
            long start = System.nanoTime() + 200_000_000L;
            windowStart = start + (long) (options.warmupSeconds * 1e9);
            windowEnd = windowStart + (long) (options.durationSeconds * 1e9);
            log.info("flood: {} windows of {} post {} msg/s on {}; bystanders probe {} msg/s each, for {}s + {}s warm-up",
                    options.clients, flooder, options.rate, options.urls.get(0), options.probeRate,
                    options.durationSeconds, options.warmupSeconds);
            List<ScheduledSender> probes = new ArrayList<>();
            for (BenchClient bystander : bystanders) {
                probes.add(schedule(bystander, start, 1e9 / options.probeRate, 0, this::probe));
            }
            floodLoop(start);
            long floodEnded = System.nanoTime();
            for (ScheduledSender s : probes) {
                s.client.connection().eventLoop().submit(() -> s.task.cancel(false)).get(10, TimeUnit.SECONDS);
            }
            long[] lost = new long[2];
            long drainUntil = System.nanoTime() + (long) (options.drainSeconds * 1e9);
            for (int b = 0; b < 2; b++) {
                ScheduledSender s = probes.get(b);
                long expected = s.client.connection().eventLoop().submit(s::measuredCount).get(10, TimeUnit.SECONDS);
                while (measured[b].sum() < expected && System.nanoTime() < drainUntil) {
                    Thread.sleep(20);
                }
                lost[b] = expected - measured[b].sum();
            }
            Map<Integer, Long> cuts = new LinkedHashMap<>();
            cutsByCode.forEach((code, n) -> cuts.put(code, n.sum()));
            double seconds = (floodEnded - start) / 1e9;
            return new Result(Latency.of(latencyMicros[NEAR].getIntervalHistogram()),
                    Latency.of(latencyMicros[FAR].getIntervalHistogram()), lost[NEAR], lost[FAR],
                    disconnects[NEAR].sum(), disconnects[FAR].sum(), posted.sum(),
                    Math.round(posted.sum() / seconds * 10) / 10.0, cuts, reconnects.sum());
        } finally {
            flooding = false;
        }
    }

    /** Until the window ends: the flood, on the calling thread, message {@code k} due at start + k / rate. */
    private void floodLoop(long start) throws InterruptedException {
        double interval = 1e9 / options.rate;
        String padding = "x".repeat(Math.max(1, options.size));
        for (long k = 0; ; k++) {
            long due = start + (long) (k * interval);
            if (due >= windowEnd) {
                flooding = false;
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            BenchClient window = windows.get(FIRST_WINDOW + (int) (k % options.clients));
            if (window != null && window.state() == BenchClient.State.READY) {
                String frame = wire.chatSend("f" + runId + "-" + window.index + "-" + k, padding);
                window.connection().eventLoop().execute(() -> window.send(frame));
                posted.increment();
            }
        }
    }

    /** The flooder's current window by index (a cut window's index gets its replacement). */
    private final Map<Integer, BenchClient> windows = new ConcurrentHashMap<>();

    private void openWindow(int index) {
        BenchClient client = new BenchClient(index, flooder, wire, credentials.apply(flooder), events);
        windows.put(index, client);
        // Every window of the flooder from one machine: the attacker's (client address 0).
        net.connect(wire.connectUri(options.urls.get(0), flooder), 0, client);
    }

    private BenchClient open(int index, String user, java.net.URI target) {
        BenchClient client = new BenchClient(index, user, wire, credentials.apply(user), events);
        net.connect(wire.connectUri(target, user), 1 + index, client); // each bystander on a machine of its own
        return client;
    }

    private void probe(ScheduledSender s) {
        long seq = s.nextSeq++;
        long due = s.dueNanos(seq);
        if (due >= windowEnd) {
            s.task.cancel(false);
            return;
        }
        s.noteDue(seq, due, windowStart);
        String text = probeText.make(s.id, seq, due, Math.max(ProbeText.MIN_SIZE, options.size));
        s.client.send(wire.chatSend("p" + runId + "-" + s.id + "-" + seq, text));
    }

    private static ScheduledSender schedule(BenchClient client, long start, double intervalNanos, double phase,
                                            java.util.function.Consumer<ScheduledSender> tick) {
        ScheduledSender s = new ScheduledSender(client.index, client, start, intervalNanos, phase);
        long micros = Math.max(1, (long) (intervalNanos / 1000));
        client.connection().eventLoop().submit(() -> {
            long delay = Math.max(0, (start - System.nanoTime()) / 1000);
            s.task = client.connection().eventLoop().scheduleAtFixedRate(() -> tick.accept(s), delay, micros,
                    TimeUnit.MICROSECONDS);
        }).syncUninterruptibly();
        return s;
    }
}
