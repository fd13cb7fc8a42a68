package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat fan-out: K of N signed-in clients post chat messages at an aggregate rate R; every client records
 * send → receive latency of every message. Open loop: each message is stamped with the time it was
 * <em>due</em>, not the time the sender got round to it, so a stalled generator or server shows up as
 * latency instead of hiding (no coordinated omission). Messages due during the warm-up are sent but
 * not counted.
 *
 * <p>Loss and duplicates are counted exactly: every client keeps a bit set of the sequence numbers it
 * received from each sender; after the run, every measured sequence number missing at a client that
 * was signed in when sending began is one lost delivery, and every repeat is a duplicate.
 */
public final class Fanout {
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    /** Senders wake this often and send what has fallen due (Netty's timer resolution is ~1 ms). */
    private static final long TICK_MICROS = 1000;

    private final BenchOptions options;
    private final ChatWire wire;
    private final Function<String, Credentials> credentials;
    private final ProbeText probeText;
    private final String runId;

    // Shared figures, written by every event loop.
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder measuredDeliveries = new LongAdder();
    private final LongAdder allDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();

    // The measurement window in nanoTime, set before any sender starts (published by the scheduling).
    private volatile long windowStart;
    private volatile long windowEnd;
    private volatile boolean running;

    public Fanout(BenchOptions options, ChatWire wire, Function<String, Credentials> credentials, String runId) {
        this.options = options;
        this.wire = wire;
        this.credentials = credentials;
        this.probeText = new ProbeText(runId);
        this.runId = runId;
    }

    /** What one client received, per sender (event-loop owned). */
    private static final class Received {
        final BitSet[] bySender;

        Received(int senders) {
            bySender = new BitSet[senders];
            for (int i = 0; i < senders; i++) {
                bySender[i] = new BitSet();
            }
        }
    }

    private final ClientEvents events = new ClientEvents() {
        @Override
        public void onReady(BenchClient client) {
            client.attachment = new Received(options.senders);
        }

        @Override
        public void onChat(BenchClient client, ByteBuf frame) {
            long now = System.nanoTime();
            ProbeText.Probe p = client.probe;
            if (!probeText.find(frame, p) || !(client.attachment instanceof Received received)
                    || p.sender >= received.bySender.length || p.seq > Integer.MAX_VALUE) {
                return; // another run's message, or a probe we cannot place
            }
            allDeliveries.increment();
            BitSet seen = received.bySender[p.sender];
            if (seen.get((int) p.seq)) {
                duplicates.increment();
                return;
            }
            seen.set((int) p.seq);
            if (p.sentNanos >= windowStart && p.sentNanos < windowEnd) {
                measuredDeliveries.increment();
                latencyMicros.recordValue(Math.max(0, (now - p.sentNanos) / 1000));
            }
        }

        @Override
        public void onError(BenchClient client, String frame) {
            errors.increment();
            sampleProblems.putIfAbsent("error", frame);
        }

        @Override
        public void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
            if (wasReady && running) {
                disconnects.increment();
                sampleProblems.putIfAbsent("disconnect", client.user + ": " + client.closeDescription());
            } else if (!wasReady) {
                sampleProblems.putIfAbsent("connect", client.user + ": " + client.closeDescription());
            }
        }
    };

    public FanoutResult run() throws Exception {
        try (WsClients net = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            ClientPool pool = new ClientPool(net, wire, options.urls, credentials);
            log.info("fanout: opening {} clients at {}/s to {}", options.clients, options.connectRate, options.urls);
            ClientPool.Opened opened = pool.openAll(options.userPrefix, options.clients, options.connectRate,
                    Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000)), events);
            List<BenchClient> clients = opened.all();
            List<BenchClient> ready = opened.ready();
            int connectFailures = opened.failures();
            if (ready.size() < options.senders) {
                ClientPool.closeAll(clients, Duration.ofSeconds(5));
                throw new IllegalStateException("only " + ready.size() + " of " + options.clients
                        + " clients signed in (" + sampleProblems.getOrDefault("connect", "no detail") + ")");
            }
            log.info("fanout: {} clients ready ({} failed); sending {} msg/s from {} senders for {}s + {}s warm-up",
                    ready.size(), connectFailures, options.rate, options.senders, options.durationSeconds,
                    options.warmupSeconds);

            List<ScheduledSender> senders = startSenders(ready);
            waitUntil(windowStart);
            CpuWindow cpu = new CpuWindow(options.pids);
            waitUntil(windowEnd);
            double benchCores = cpu.ownCores(options.durationSeconds);
            Map<String, Double> processCores = cpu.processCores(options.durationSeconds);
            // Stop the senders on their own loops so their counts are final and visible after the barrier.
            for (ScheduledSender s : senders) {
                s.client.connection().eventLoop().submit(() -> s.task.cancel(false)).get(10, TimeUnit.SECONDS);
            }
            pool.barrier();
            long measuredSent = senders.stream().mapToLong(ScheduledSender::measuredCount).sum();
            long expected = measuredSent * ready.size();
            drain(expected);
            running = false;
            pool.barrier();

            long lost = countLost(ready, senders);
            Histogram histogram = latencyMicros.getIntervalHistogram();
            Map<String, Long> perServer = new TreeMap<>();
            int announcedRateLimit = -1;
            for (BenchClient c : ready) {
                perServer.merge(c.info.serverId == null ? "-" : c.info.serverId, 1L, Long::sum);
                announcedRateLimit = Math.max(announcedRateLimit, c.info.messagesPerSecond);
            }
            ClientPool.closeAll(clients, Duration.ofSeconds(5));
            return new FanoutResult(options.clients, ready.size(), connectFailures, options.senders, options.rate,
                    measuredSent / options.durationSeconds, options.size, options.durationSeconds, measuredSent,
                    expected, measuredDeliveries.sum(), measuredDeliveries.sum() / options.durationSeconds,
                    lost, duplicates.sum(), errors.sum(), sendFailures.sum(), disconnects.sum(),
                    Latency.of(histogram), perServer, announcedRateLimit, benchCores, processCores,
                    Map.copyOf(sampleProblems));
        }
    }

    private List<ScheduledSender> startSenders(List<BenchClient> ready) {
        int k = options.senders;
        double perSender = options.rate / k;
        double interval = 1e9 / perSender;
        // Start a little ahead so every sender's first tick is in the future.
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        windowStart = start + (long) (options.warmupSeconds * 1e9);
        windowEnd = windowStart + (long) (options.durationSeconds * 1e9);
        running = true;
        List<ScheduledSender> senders = new ArrayList<>(k);
        // Spread the senders over the population so they land on different servers and event loops.
        int stride = Math.max(1, ready.size() / k);
        for (int i = 0; i < k; i++) {
            BenchClient client = ready.get((i * stride) % ready.size());
            ScheduledSender s = new ScheduledSender(i, client, start, interval, interval * i / k);
            senders.add(s);
            s.task = client.connection().eventLoop().scheduleAtFixedRate(() -> tick(s),
                    TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
        }
        return senders;
    }

    /** Sends every message of {@code s} that has fallen due. Runs on the sender's event loop. */
    private void tick(ScheduledSender s) {
        if (s.client.state() != BenchClient.State.READY) {
            return;
        }
        long now = System.nanoTime();
        long end = windowEnd;
        while (true) {
            long due = s.dueNanos(s.nextSeq);
            if (due > now || due >= end) {
                break;
            }
            long seq = s.nextSeq++;
            s.noteDue(seq, due, windowStart);
            String text = probeText.make(s.id, seq, due, options.size);
            s.client.connection().send(wire.chatSend(clientId(runId, s.id, seq), text)).addListener(f -> {
                if (!f.isSuccess()) {
                    sendFailures.increment();
                }
            });
        }
    }

    /**
     * The client id of sender {@code sender}'s message {@code seq}. Client ids must be unique per user for the
     * server's resend window (10 minutes): a repeat is answered with the original message instead of being
     * posted. Bench users are reused by every run against the same Redis, so the run id is part of the id
     * (at most 8 + 1 + 10 + 1 + 19 characters, within the 64-character limit).
     */
    static String clientId(String runId, int sender, long seq) {
        return "b" + runId + "-" + sender + "-" + seq;
    }

    private void drain(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
        while (measuredDeliveries.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private long countLost(List<BenchClient> ready, List<ScheduledSender> senders) {
        long lost = 0;
        for (BenchClient c : ready) {
            Received r = (Received) c.attachment;
            for (ScheduledSender s : senders) {
                if (s.firstMeasured < 0) {
                    continue;
                }
                BitSet seen = r.bySender[s.id];
                int from = (int) s.firstMeasured;
                int to = (int) s.lastMeasured + 1;
                lost += (to - from) - seen.get(from, to).cardinality();
            }
        }
        return lost;
    }

    static void waitUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }
}
