package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.ChatWire;
import dev.tandem.bench.wire.Credentials;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle connections: open N signed-in clients at a set rate, hold them, and report how many made it,
 * how many stayed, and what each cost in resident memory of the named processes (server, proxy) and,
 * for JVMs, in live heap after a full GC (measured before opening and while holding).
 */
public final class Connections {
    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final BenchOptions options;
    private final ChatWire wire;
    private final Function<String, Credentials> credentials;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();
    private volatile boolean holding;

    public Connections(BenchOptions options, ChatWire wire, Function<String, Credentials> credentials) {
        this.options = options;
        this.wire = wire;
        this.credentials = credentials;
    }

    /** One process's memory before and after, and the difference per held connection. */
    public record Rss(long pid, long beforeKiB, long afterKiB, double perConnectionKiB,
                      long liveHeapBeforeKiB, long liveHeapAfterKiB, double liveHeapPerConnectionKiB) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pid);
            m.put("beforeKiB", beforeKiB);
            m.put("afterKiB", afterKiB);
            m.put("perConnectionKiB", FanoutResult.round(perConnectionKiB));
            m.put("liveHeapBeforeKiB", liveHeapBeforeKiB);
            m.put("liveHeapAfterKiB", liveHeapAfterKiB);
            m.put("liveHeapPerConnectionKiB", FanoutResult.round(liveHeapPerConnectionKiB));
            return m;
        }
    }

    public record Result(int requested, int opened, int failed, int stillOpen, double openSeconds,
                         long errors, Map<String, Rss> rss, Map<String, String> sampleProblems) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requested", requested);
            m.put("opened", opened);
            m.put("failed", failed);
            m.put("stillOpenAfterHold", stillOpen);
            m.put("openSeconds", FanoutResult.round(openSeconds));
            m.put("errors", errors);
            Map<String, Object> r = new LinkedHashMap<>();
            rss.forEach((k, v) -> r.put(k, v.toMap()));
            m.put("rss", r);
            m.put("sampleProblems", sampleProblems);
            return m;
        }
    }

    private static double perConnection(long before, long after, int connections) {
        return connections == 0 || before < 0 || after < 0 ? 0 : (after - before) / (double) connections;
    }

    public Result run() throws Exception {
        Map<String, Long> before = new LinkedHashMap<>();
        Map<String, Long> heapBefore = new LinkedHashMap<>();
        options.pids.forEach((name, pid) -> {
            heapBefore.put(name, ProcessMemory.liveHeapKiB(pid));
            before.put(name, ProcessMemory.rssKiB(pid));
        });
        ClientEvents events = new ClientEvents() {
            @Override
            public void onError(BenchClient client, String frame) {
                errors.increment();
                sampleProblems.putIfAbsent("error", frame);
            }

            @Override
            public void onClosed(BenchClient client, boolean wasReady, int code, String reason, Throwable cause) {
                if (wasReady && holding) {
                    dropped.increment();
                    sampleProblems.putIfAbsent("dropped", client.user + ": " + client.closeDescription());
                } else if (!wasReady) {
                    sampleProblems.putIfAbsent("connect", client.user + ": " + client.closeDescription());
                }
            }
        };
        try (WsClients net = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            ClientPool pool = new ClientPool(net, wire, options.urls, credentials);
            log.info("connections: opening {} at {}/s to {}", options.clients, options.connectRate, options.urls);
            long t0 = System.nanoTime();
            List<BenchClient> clients = pool.open(options.userPrefix, options.clients, options.connectRate,
                    Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000)), events);
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            int opened = (int) ClientPool.countReady(clients);
            holding = true;
            log.info("connections: {} open, holding {}s", opened, options.durationSeconds);
            Thread.sleep((long) (options.durationSeconds * 1000));
            Map<String, Rss> rss = new LinkedHashMap<>();
            int stillOpen = (int) ClientPool.countReady(clients);
            options.pids.forEach((name, pid) -> {
                long after = ProcessMemory.rssKiB(pid);
                long b = before.get(name);
                long hb = heapBefore.get(name);
                long ha = hb < 0 ? -1 : ProcessMemory.liveHeapKiB(pid);
                rss.put(name, new Rss(pid, b, after, perConnection(b, after, stillOpen),
                        hb, ha, perConnection(hb, ha, stillOpen)));
            });
            holding = false;
            ClientPool.closeAll(clients, Duration.ofSeconds(10));
            return new Result(options.clients, opened, options.clients - opened, stillOpen, openSeconds,
                    errors.sum(), rss, Map.copyOf(sampleProblems));
        }
    }
}
