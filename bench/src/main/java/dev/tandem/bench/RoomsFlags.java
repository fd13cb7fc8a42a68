package dev.tandem.bench;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The rooms scenario's own flags (a picocli mixin of {@link BenchOptions}): every client is in general, the
 * first rooms x roomSize also in one of the small rooms, each with one sender.
 * <p>
 * Threads: filled by the thread that parses, once; read-only afterwards.
 */
public final class RoomsFlags {
    /** Small rooms, each with one sender posting rate / rooms. */
    @Option(names = "--rooms", paramLabel = "R", defaultValue = "100", description = "rooms: small rooms, one sender each (at most 999)")
    public int rooms;

    @Option(names = "--room-size", paramLabel = "M", defaultValue = "10", description = "rooms: members of each small room")
    public int roomSize;

    /** Messages per second to general (everyone), over {@link #bigSenders} senders. */
    @Option(names = "--big-rate", paramLabel = "G", defaultValue = "20", description = "rooms: messages/s to general in all")
    public double bigRate;

    @Option(names = "--big-senders", paramLabel = "K", defaultValue = "10", description = "rooms: clients posting to general")
    public int bigSenders;

    void check(BenchOptions o) {
        FlagRules.positive("--rooms", rooms);
        FlagRules.positive("--room-size", roomSize);
        FlagRules.positive("--big-rate", bigRate);
        FlagRules.positive("--big-senders", bigSenders);
        if ((long) rooms * roomSize > o.clients) {
            throw new IllegalArgumentException("--rooms x --room-size (" + rooms * roomSize + ") cannot exceed --clients ("
                    + o.clients + ")");
        }
        if (bigSenders > o.clients) {
            throw new IllegalArgumentException("--big-senders cannot exceed --clients");
        }
        if (o.protocol != BenchOptions.WireProtocol.tandem) {
            throw new IllegalArgumentException("rooms measures Tandem's rooms; the Socket.IO peer has none");
        }
        if (rooms > 999) {
            throw new IllegalArgumentException("--rooms must be at most 999");
        }
    }

    void describe(Map<String, Object> m) {
        m.put("rooms", rooms);
        m.put("roomSize", roomSize);
        m.put("bigRate", bigRate);
        m.put("bigSenders", bigSenders);
    }
}
