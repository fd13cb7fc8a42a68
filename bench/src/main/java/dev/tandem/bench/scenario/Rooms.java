package dev.tandem.bench.scenario;

import dev.tandem.bench.BenchOptions;
import dev.tandem.bench.net.ClientAddresses;
import dev.tandem.bench.net.WsClients;
import dev.tandem.bench.wire.Credentials;
import java.nio.charset.StandardCharsets;
import dev.tandem.bench.wire.TandemWire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms: many small rooms alongside one big one. All N clients are in {@code general} (the big room); the
 * first R × M of them are also in one of R small rooms of M members ({@code bench-room-000}, …, kept from run
 * to run so a persisted Redis does not fill up with rooms). Each small room has one sender (its first
 * member) posting at {@code rate / R}; {@code --big-senders} clients post to general at {@code --big-rate}
 * in all. Open loop as in {@link Fanout}: each message carries the time it was due.
 *
 * <p>Figures per kind of room: deliveries/s, latency, lost, duplicated; and <b>misdelivered</b>: a small
 * room's message that reached a client not in that room (must be 0: the relay delivers a room only to its
 * members).
 *
 * <p>Threads: clients' fields belong to their event loops; the counters are thread-safe adders and
 * recorders; the rest is the calling thread's, read after {@link ClientPool#barrier()}.
 */
public final class Rooms {
    private static final Logger log = LoggerFactory.getLogger(Rooms.class);
    private static final long TICK_MICROS = 1000;
    private static final ByteBuf JOINED = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("\"type\":\"room.joined\"".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf UNKNOWN_ROOM = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("\"unknown_room\"".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf ROOM_TAKEN = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("\"room_taken\"".getBytes(StandardCharsets.US_ASCII)));

    private final BenchOptions options;
    private final TandemWire wire = new TandemWire();
    private final Function<String, Credentials> credentials;
    private final ProbeText probeText;
    private final String runId;
    private final int smallRooms;

    /** The figures of one kind of room (thread-safe). */
    private static final class Counts {
        final Recorder latencyMicros = new Recorder(3);
        final LongAdder measured = new LongAdder();
        final LongAdder duplicates = new LongAdder();
    }

    private final Counts small = new Counts();
    private final Counts big = new Counts();
    private final LongAdder misdelivered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();
    private volatile CountDownLatch joined = new CountDownLatch(0);
    private volatile long windowStart;
    private volatile long windowEnd;
    private volatile boolean running;

    public Rooms(BenchOptions options, Function<String, Credentials> credentials, String runId) {
        this.options = options;
        this.credentials = credentials;
        this.probeText = new ProbeText(runId);
        this.runId = runId;
        this.smallRooms = options.room.rooms;
    }

    /** The small room of client {@code index}, or -1 if it is only in general. */
    int roomOf(int index) {
        return index < smallRooms * options.room.roomSize ? index / options.room.roomSize : -1;
    }

    static String roomName(int room) {
        return String.format("bench-room-%03d", room);
    }

    /** What one client received, per sender, and whether it has joined its small room (event-loop owned). */
    private static final class Received {
        final BitSet[] bySender;
        boolean joined;

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
            client.attachment = new Received(smallRooms + options.room.bigSenders);
        }

        @Override
        public void onOther(BenchClient client, ByteBuf frame) {
            if (client.attachment instanceof Received r && !r.joined && ByteBufUtil.indexOf(JOINED, frame) >= 0) {
                r.joined = true;
                joined.countDown();
            }
        }

        @Override
        public void onErrorFrame(BenchClient client, ByteBuf frame) {
            int room = roomOf(client.index);
            if (room >= 0 && client.attachment instanceof Received r && !r.joined) {
                // Setting up: the first member to find the room missing creates it; a lost race joins it.
                if (ByteBufUtil.indexOf(UNKNOWN_ROOM, frame) >= 0) {
                    client.send(wire.roomCreate("c" + runId + "-" + client.index, roomName(room)));
                    return;
                }
                if (ByteBufUtil.indexOf(ROOM_TAKEN, frame) >= 0) {
                    client.send(wire.roomJoin("k" + runId + "-" + client.index, roomName(room)));
                    return;
                }
            }
            errors.increment();
            sampleProblems.putIfAbsent("error", dev.tandem.bench.wire.ChatWire.describe(frame));
        }

        @Override
        public void onChat(BenchClient client, ByteBuf frame) {
            long now = System.nanoTime();
            ProbeText.Probe p = client.probe;
            if (!probeText.find(frame, p) || !(client.attachment instanceof Received received)
                    || p.sender >= received.bySender.length || p.seq > Integer.MAX_VALUE) {
                return; // another run's message, or a probe we cannot place
            }
            boolean toSmallRoom = p.sender < smallRooms;
            if (toSmallRoom && roomOf(client.index) != p.sender) {
                misdelivered.increment();
                sampleProblems.putIfAbsent("misdelivered", client.user + " got a message of " + roomName(p.sender));
                return;
            }
            Counts counts = toSmallRoom ? small : big;
            BitSet seen = received.bySender[p.sender];
            if (seen.get((int) p.seq)) {
                counts.duplicates.increment();
                return;
            }
            seen.set((int) p.seq);
            if (p.sentNanos >= windowStart && p.sentNanos < windowEnd) {
                counts.measured.increment();
                counts.latencyMicros.recordValue(Math.max(0, (now - p.sentNanos) / 1000));
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

    public RoomsResult run() throws Exception {
        try (WsClients net = new WsClients(options.threads, new ClientAddresses(options.clientAddresses))) {
            ClientPool pool = new ClientPool(net, wire, options.urls, credentials);
            log.info("rooms: opening {} clients at {}/s to {}", options.clients, options.connectRate, options.urls);
            Duration timeout = Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000));
            ClientPool.Opened opened = pool.openAll(options.userPrefix, options.clients, options.connectRate, timeout, events);
            List<BenchClient> ready = opened.ready();
            if (ready.size() < options.clients) {
                ClientPool.closeAll(opened.all(), Duration.ofSeconds(5));
                throw new IllegalStateException("only " + ready.size() + " of " + options.clients
                        + " clients signed in (" + sampleProblems.getOrDefault("connect", "no detail") + ")");
            }
            joinRooms(ready, timeout);
            log.info("rooms: {} clients in general, {} rooms of {}; {} msg/s to the rooms, {} msg/s to general, for {}s + {}s warm-up",
                    ready.size(), smallRooms, options.room.roomSize, options.rate, options.room.bigRate, options.durationSeconds,
                    options.warmupSeconds);

            List<ScheduledSender> senders = startSenders(ready);
            Fanout.waitUntil(windowStart);
            CpuWindow cpu = new CpuWindow(options.pids);
            Fanout.waitUntil(windowEnd);
            double benchCores = cpu.ownCores(options.durationSeconds);
            Map<String, Double> processCores = cpu.processCores(options.durationSeconds);
            for (ScheduledSender s : senders) {
                s.client.connection().eventLoop().submit(() -> s.task.cancel(false)).get(10, TimeUnit.SECONDS);
            }
            pool.barrier();
            long smallSent = 0;
            long bigSent = 0;
            for (ScheduledSender s : senders) {
                if (s.id < smallRooms) {
                    smallSent += s.measuredCount();
                } else {
                    bigSent += s.measuredCount();
                }
            }
            long smallExpected = smallSent * options.room.roomSize;
            long bigExpected = bigSent * ready.size();
            drain(smallExpected, bigExpected);
            running = false;
            pool.barrier();

            long[] lost = countLost(ready, senders);
            Map<String, Long> perServer = new TreeMap<>();
            for (BenchClient c : ready) {
                perServer.merge(c.info.serverId == null ? "-" : c.info.serverId, 1L, Long::sum);
            }
            ClientPool.closeAll(opened.all(), Duration.ofSeconds(5));
            double seconds = options.durationSeconds;
            return new RoomsResult(options.clients, ready.size(), smallRooms, options.room.roomSize, options.size, seconds,
                    kind(options.rate, smallRooms, smallSent, smallExpected, small, lost[0], seconds),
                    kind(options.room.bigRate, options.room.bigSenders, bigSent, bigExpected, big, lost[1], seconds),
                    misdelivered.sum(), errors.sum(), disconnects.sum(), perServer, benchCores, processCores,
                    Map.copyOf(sampleProblems));
        }
    }

    private static RoomsResult.Kind kind(double rate, int senders, long sent, long expected, Counts counts, long lost,
                                         double seconds) {
        Histogram histogram = counts.latencyMicros.getIntervalHistogram();
        return new RoomsResult.Kind(rate, senders, sent / seconds, sent, expected, counts.measured.sum(),
                counts.measured.sum() / seconds, lost, counts.duplicates.sum(), Latency.of(histogram));
    }

    /** Every client of a small room joins it (creating it if it is new) before any message is sent. */
    private void joinRooms(List<BenchClient> ready, Duration timeout) throws Exception {
        int members = smallRooms * options.room.roomSize;
        joined = new CountDownLatch(members);
        for (BenchClient c : ready) {
            int room = roomOf(c.index);
            if (room >= 0) {
                c.connection().eventLoop().execute(() -> c.send(wire.roomJoin("j" + runId + "-" + c.index, roomName(room))));
            }
        }
        if (!joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(joined.getCount() + " of " + members + " clients did not join their room ("
                    + sampleProblems.getOrDefault("error", "no error seen") + ")");
        }
    }

    private List<ScheduledSender> startSenders(List<BenchClient> ready) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        windowStart = start + (long) (options.warmupSeconds * 1e9);
        windowEnd = windowStart + (long) (options.durationSeconds * 1e9);
        running = true;
        List<ScheduledSender> senders = new ArrayList<>();
        double smallInterval = 1e9 / (options.rate / smallRooms);
        for (int room = 0; room < smallRooms; room++) {
            BenchClient first = ready.get(room * options.room.roomSize);
            senders.add(schedule(new ScheduledSender(room, first, start, smallInterval, smallInterval * room / smallRooms),
                    roomName(room)));
        }
        double bigInterval = 1e9 / (options.room.bigRate / options.room.bigSenders);
        int stride = Math.max(1, ready.size() / options.room.bigSenders);
        for (int i = 0; i < options.room.bigSenders; i++) {
            // Spread over the population (and so over servers); offset by one so they are not room senders.
            BenchClient client = ready.get((i * stride + 1) % ready.size());
            senders.add(schedule(new ScheduledSender(smallRooms + i, client, start, bigInterval,
                    bigInterval * i / options.room.bigSenders), dev.tandem.model.RoomNames.GENERAL));
        }
        return senders;
    }

    private ScheduledSender schedule(ScheduledSender s, String room) {
        s.task = s.client.connection().eventLoop().scheduleAtFixedRate(() -> tick(s, room),
                TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
        return s;
    }

    /** Sends every message of {@code s} that has fallen due. Runs on the sender's event loop. */
    private void tick(ScheduledSender s, String room) {
        if (s.client.state() != BenchClient.State.READY) {
            return;
        }
        long now = System.nanoTime();
        while (true) {
            long due = s.dueNanos(s.nextSeq);
            if (due > now || due >= windowEnd) {
                break;
            }
            long seq = s.nextSeq++;
            s.noteDue(seq, due, windowStart);
            String text = probeText.make(s.id, seq, due, options.size);
            s.client.send(wire.chatSendTo(Fanout.clientId(runId, s.id, seq), room, text));
        }
    }

    private void drain(long smallExpected, long bigExpected) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
        while ((small.measured.sum() < smallExpected || big.measured.sum() < bigExpected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Lost deliveries: {small rooms, general}. */
    private long[] countLost(List<BenchClient> ready, List<ScheduledSender> senders) {
        long[] lost = new long[2];
        for (BenchClient c : ready) {
            Received r = (Received) c.attachment;
            for (ScheduledSender s : senders) {
                boolean toSmallRoom = s.id < smallRooms;
                if (s.firstMeasured < 0 || (toSmallRoom && roomOf(c.index) != s.id)) {
                    continue;
                }
                int from = (int) s.firstMeasured;
                int to = (int) s.lastMeasured + 1;
                lost[toSmallRoom ? 0 : 1] += (to - from) - r.bySender[s.id].get(from, to).cardinality();
            }
        }
        return lost;
    }
}
