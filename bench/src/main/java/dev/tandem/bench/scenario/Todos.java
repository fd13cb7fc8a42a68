package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.Credentials;
import dev.tandem.bench.wire.TandemWire;
import dev.tandem.model.Codec;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.Todo;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Todo changes: N signed-in clients, each its own user, send todo changes at an aggregate rate R (each client
 * R / N per second); a change counts once the server acknowledges it with the {@code todo.changed} that
 * carries the change's client id (the server sends it after the change is committed, so the latency is that
 * of a durable change when the server writes through to Redis). Open loop, like {@link Fanout}: a change is
 * timed from when it was <em>due</em>, so a stall anywhere shows as latency (no coordinated omission).
 *
 * <p>The mix, per client, on its own items only: {@code todo.add} when it knows no item; {@code todo.delete}
 * when it has {@code --max-items} (so a list never nears the 1,000-item limit); otherwise 35% add, 25%
 * set_completed (flipping the item's state), 20% rename, 20% delete, of a random known item. Items the user
 * already had when signing in (an earlier run against the same Redis) are part of what it knows. An item is
 * known once its add is acknowledged; a delete makes it unknown at once, so no change targets an item that
 * is being deleted.
 *
 * <p>Client ids are {@code t<run id>-<seq>}: unique per user across runs, as the server's resend window
 * (10 minutes) requires; a repeat would be answered with the list instead of being applied.
 */
public final class Todos {
    private static final Logger log = LoggerFactory.getLogger(Todos.class);
    /** Each event loop wakes this often and sends, for each of its clients, what has fallen due. */
    private static final long TICK_MICROS = 1000;

    enum Op { add, set_completed, rename, delete }

    private final BenchOptions options;
    private final TandemWire wire = new TandemWire();
    private final Function<String, Credentials> credentials;
    private final String runId;

    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder acked = new LongAdder();
    private final LongAdder measuredAcked = new LongAdder();
    private final LongAdder measuredErrors = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final Map<Op, LongAdder> ackedByOp = new ConcurrentHashMap<>();
    private final LongAdder answeredWithList = new LongAdder();
    private final LongAdder foreignChanges = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    /** Event loops whose tickers have sent every change due in the window. */
    private final LongAdder caughtUp = new LongAdder();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();

    private volatile long windowStart;
    private volatile long windowEnd;
    private volatile boolean running;

    public Todos(BenchOptions options, Function<String, Credentials> credentials, String runId) {
        this.options = options;
        this.credentials = credentials;
        this.runId = runId;
        for (Op op : Op.values()) {
            ackedByOp.put(op, new LongAdder());
        }
    }

    /** A change sent and not yet answered. */
    private record Pending(long dueNanos, Op op) {
    }

    /** One client's schedule, its view of its own list, and its changes in flight (event-loop owned). */
    private static final class Client {
        final BenchClient client;
        final long startNanos;
        final double intervalNanos;
        final double phaseNanos;
        final SplittableRandom random;
        /** Acknowledged items not being deleted, with their completed state. */
        final List<String> ids = new ArrayList<>();
        final Map<String, Boolean> completed = new HashMap<>();
        final Map<String, Pending> pending = new HashMap<>();
        int pendingAdds;
        int itemsAtStart;
        long nextSeq;
        long measuredSent;

        Client(BenchClient client, long startNanos, double intervalNanos, double phaseNanos, long seed) {
            this.client = client;
            this.startNanos = startNanos;
            this.intervalNanos = intervalNanos;
            this.phaseNanos = phaseNanos;
            this.random = new SplittableRandom(seed);
        }

        long dueNanos(long seq) {
            return startNanos + (long) (phaseNanos + seq * intervalNanos);
        }

        void know(String id, boolean done) {
            if (completed.put(id, done) == null) {
                ids.add(id);
            }
        }

        /** Removes and returns a random known item. */
        String takeRandom() {
            int i = random.nextInt(ids.size());
            String id = ids.get(i);
            ids.set(i, ids.get(ids.size() - 1));
            ids.remove(ids.size() - 1);
            completed.remove(id);
            return id;
        }
    }

    private final ClientEvents events = new ClientEvents() {
        @Override
        public void onReady(BenchClient client) {
            // The list the user already has (from an earlier run on a persisted Redis) is its starting point.
            Client c = new Client(client, 0, 0, 0, 0);
            client.info.todoIds.forEach(id -> c.know(id, false));
            client.attachment = c;
        }

        @Override
        public void onTodo(BenchClient bc, ByteBuf frame) {
            long now = System.nanoTime();
            if (!(bc.attachment instanceof Client c)) {
                return;
            }
            ServerMessage message;
            try {
                message = Codec.get().decodeServer(frame.toString(StandardCharsets.UTF_8));
            } catch (ProtocolException e) {
                sampleProblems.putIfAbsent("undecodable", e.getMessage());
                return;
            }
            if (message instanceof ServerMessage.TodoChanged changed) {
                Pending p = changed.clientId() == null ? null : c.pending.remove(changed.clientId());
                if (p == null) {
                    foreignChanges.increment(); // not ours: another window's, or a change we gave up on
                    return;
                }
                acked.increment();
                ackedByOp.get(p.op()).increment();
                if (p.op() == Op.add) {
                    c.pendingAdds--;
                }
                if (p.op() == Op.add) {
                    // Only an add makes an item known: an ack of a rename may arrive after a delete of the item.
                    for (Todo t : changed.upserted()) {
                        c.know(t.id(), t.completed());
                    }
                }
                if (p.dueNanos() >= windowStart && p.dueNanos() < windowEnd) {
                    measuredAcked.increment();
                    latencyMicros.recordValue(Math.max(0, (now - p.dueNanos()) / 1000));
                }
            } else if (message instanceof ServerMessage.TodoSnapshot snapshot) {
                // The server took the change for a resend and answered with the list: must not happen.
                Pending p = snapshot.clientId() == null ? null : c.pending.remove(snapshot.clientId());
                if (p != null) {
                    answeredWithList.increment();
                    sampleProblems.putIfAbsent("answered with the list", snapshot.clientId());
                    if (p.op() == Op.add) {
                        c.pendingAdds--;
                    }
                }
            }
        }

        @Override
        public void onErrorFrame(BenchClient bc, ByteBuf frame) {
            String text = frame.toString(StandardCharsets.UTF_8);
            String code = "unknown";
            String ref = null;
            try {
                if (Codec.get().decodeServer(text) instanceof ServerMessage.Error e) {
                    code = e.code();
                    ref = e.ref();
                }
            } catch (ProtocolException ignored) {
                // counted as "unknown"
            }
            errorsByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
            sampleProblems.putIfAbsent("error " + code, text.length() > 200 ? text.substring(0, 200) : text);
            if (bc.attachment instanceof Client c && ref != null) {
                Pending p = c.pending.remove(ref);
                if (p != null) {
                    if (p.op() == Op.add) {
                        c.pendingAdds--;
                    }
                    if (p.dueNanos() >= windowStart && p.dueNanos() < windowEnd) {
                        measuredErrors.increment();
                    }
                }
            }
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

    public TodosResult run() throws Exception {
        try (WsClients net = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            ClientPool pool = new ClientPool(net, wire, options.urls, credentials);
            log.info("todos: opening {} clients at {}/s to {}", options.clients, options.connectRate, options.urls);
            ClientPool.Opened opened = pool.openAll(options.userPrefix, options.clients, options.connectRate,
                    Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000)), events);
            List<BenchClient> clients = opened.all();
            List<BenchClient> ready = opened.ready();
            int connectFailures = opened.failures();
            if (ready.isEmpty()) {
                ClientPool.closeAll(clients, Duration.ofSeconds(5));
                throw new IllegalStateException("none of " + options.clients + " clients signed in ("
                        + sampleProblems.getOrDefault("connect", "no detail") + ")");
            }
            int announcedRateLimit = -1;
            for (BenchClient c : ready) {
                announcedRateLimit = Math.max(announcedRateLimit, c.info.messagesPerSecond);
            }
            double perClient = options.rate / ready.size();
            if (announcedRateLimit > 0 && perClient > announcedRateLimit) {
                log.warn("todos: {} changes/s per client is over the server's rate limit of {}/s; expect rate_limited"
                        + " (start the servers with a higher --rate-limit)", perClient, announcedRateLimit);
            }
            log.info("todos: {} clients ready ({} failed); {} changes/s in all ({} per client) for {}s + {}s warm-up",
                    ready.size(), connectFailures, options.rate, perClient, options.durationSeconds,
                    options.warmupSeconds);

            List<ScheduledFuture<?>> tickers = start(ready, perClient);
            waitUntil(windowStart);
            long cpuStart = processCpuNanos();
            Map<String, Long> pidCpuStart = new LinkedHashMap<>();
            options.pids.forEach((name, pid) -> pidCpuStart.put(name, ProcessMemory.cpuNanos(pid)));
            waitUntil(windowEnd);
            double benchCores = (processCpuNanos() - cpuStart) / (options.durationSeconds * 1e9);
            Map<String, Double> processCores = new LinkedHashMap<>();
            options.pids.forEach((name, pid) -> {
                long before = pidCpuStart.get(name);
                long after = ProcessMemory.cpuNanos(pid);
                processCores.put(name, before < 0 || after < 0 ? -1
                        : Math.round((after - before) / (options.durationSeconds * 1e9) * 100) / 100.0);
            });
            // A busy generator may still owe changes due before the end: let every ticker catch up (bounded).
            long catchUpDeadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
            while (caughtUp.sum() < tickers.size() && System.nanoTime() < catchUpDeadline) {
                Thread.sleep(5);
            }
            for (ScheduledFuture<?> t : tickers) {
                t.cancel(false);
            }
            pool.barrier();
            long measuredSent = ready.stream().mapToLong(c -> ((Client) c.attachment).measuredSent).sum();
            drain(measuredSent);
            running = false;
            pool.barrier();

            long inFlight = 0;
            int itemsAtStart = 0;
            int itemsAtEnd = 0;
            Map<String, Long> perServer = new TreeMap<>();
            for (BenchClient bc : ready) {
                Client c = (Client) bc.attachment;
                itemsAtStart += c.itemsAtStart;
                itemsAtEnd += c.ids.size();
                perServer.merge(bc.info.serverId == null ? "-" : bc.info.serverId, 1L, Long::sum);
                for (Pending p : c.pending.values()) {
                    if (p.dueNanos() >= windowStart && p.dueNanos() < windowEnd) {
                        inFlight++;
                    }
                }
            }
            Histogram histogram = latencyMicros.getIntervalHistogram();
            Map<String, Long> errors = new TreeMap<>();
            errorsByCode.forEach((code, n) -> errors.put(code, n.sum()));
            Map<String, Long> byOp = new LinkedHashMap<>();
            ackedByOp.forEach((op, n) -> byOp.put(op.name(), n.sum()));
            ClientPool.closeAll(clients, Duration.ofSeconds(5));
            return new TodosResult(options.clients, ready.size(), connectFailures, options.rate,
                    measuredSent / options.durationSeconds, options.durationSeconds, options.maxItems, measuredSent,
                    measuredAcked.sum(), measuredAcked.sum() / options.durationSeconds, measuredErrors.sum(),
                    inFlight, errors, new TreeMap<>(byOp), answeredWithList.sum(), foreignChanges.sum(),
                    sendFailures.sum(), disconnects.sum(), Latency.of(histogram), perServer, announcedRateLimit,
                    itemsAtStart, itemsAtEnd, benchCores, processCores, Map.copyOf(sampleProblems));
        }
    }

    /** Schedules every client (R / N changes/s each, phases spread evenly) on one ticker per event loop. */
    private List<ScheduledFuture<?>> start(List<BenchClient> ready, double perClient) {
        double interval = 1e9 / perClient;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        windowStart = start + (long) (options.warmupSeconds * 1e9);
        windowEnd = windowStart + (long) (options.durationSeconds * 1e9);
        running = true;
        Map<EventExecutor, List<Client>> byLoop = new IdentityHashMap<>();
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            BenchClient bc = ready.get(i);
            Client seen = (Client) bc.attachment;
            Client c = new Client(bc, start, interval, interval * i / n, runId.hashCode() * 31L + i);
            seen.ids.forEach(id -> c.know(id, seen.completed.get(id)));
            c.itemsAtStart = c.ids.size();
            byLoop.computeIfAbsent(bc.connection().eventLoop(), k -> new ArrayList<>()).add(c);
        }
        List<ScheduledFuture<?>> tickers = new ArrayList<>();
        byLoop.forEach((loop, list) -> {
            // Install the schedules on their own loop (the clients' state is owned there), then tick.
            loop.execute(() -> list.forEach(c -> c.client.attachment = c));
            LoopClients owned = new LoopClients(list);
            tickers.add(loop.scheduleAtFixedRate(() -> tick(owned), TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS));
        });
        return tickers;
    }

    /** One event loop's clients, and whether it has sent everything due before the window's end. */
    private static final class LoopClients {
        final List<Client> clients;
        boolean done;

        LoopClients(List<Client> clients) {
            this.clients = clients;
        }
    }

    /** Sends every change that has fallen due, for each client of one event loop. */
    private void tick(LoopClients loop) {
        if (loop.done) {
            return;
        }
        long now = System.nanoTime();
        long end = windowEnd;
        boolean owesNothing = now >= end;
        for (Client c : loop.clients) {
            if (c.client.state() != BenchClient.State.READY) {
                continue;
            }
            while (true) {
                long due = c.dueNanos(c.nextSeq);
                if (due > now || due >= end) {
                    break;
                }
                long seq = c.nextSeq++;
                send(c, seq, due);
            }
        }
        if (owesNothing) {
            loop.done = true;
            caughtUp.increment();
        }
    }

    private void send(Client c, long seq, long due) {
        String clientId = "t" + runId + "-" + seq;
        int known = c.ids.size();
        Op op;
        if (known == 0) {
            op = Op.add;
        } else if (known + c.pendingAdds >= Math.min(options.maxItems, Limits.MAX_TODOS_PER_USER)) {
            op = Op.delete;
        } else {
            int r = c.random.nextInt(100);
            op = r < 35 ? Op.add : r < 60 ? Op.set_completed : r < 80 ? Op.rename : Op.delete;
        }
        String frame = switch (op) {
            case add -> {
                c.pendingAdds++;
                yield wire.todoAdd(clientId, "bench item " + seq);
            }
            case set_completed -> {
                String id = c.ids.get(c.random.nextInt(known));
                boolean flip = !c.completed.get(id);
                c.completed.put(id, flip);
                yield wire.todoSetCompleted(clientId, id, flip);
            }
            case rename -> wire.todoRename(clientId, c.ids.get(c.random.nextInt(known)), "renamed " + seq);
            case delete -> wire.todoDelete(clientId, c.takeRandom());
        };
        c.pending.put(clientId, new Pending(due, op));
        if (due >= windowStart) {
            c.measuredSent++;
        }
        c.client.connection().send(frame).addListener(f -> {
            if (!f.isSuccess()) {
                sendFailures.increment();
            }
        });
    }

    private void drain(long measuredSent) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
        while (measuredAcked.sum() + measuredErrors.sum() < measuredSent && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }
}
