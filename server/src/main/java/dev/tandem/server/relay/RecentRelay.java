package dev.tandem.server.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last envelopes this server delivered, in order. Two uses: a sign-in whose snapshot was read a moment
 * before the delivery thread got to it is sent what happened in between ({@link #since}); and after a
 * re-subscription, a Redis that came back without its newest envelopes gets them written back.
 * <p>Not thread-safe: owned by the chat delivery thread.
 */
final class RecentRelay {
    private final int capacity;
    private final ArrayDeque<Envelope> envelopes;
    /** Every envelope delivered with a sequence up to this one is no longer held (or was before we started). */
    private long forgottenThrough;

    RecentRelay(int capacity) {
        this.capacity = capacity;
        this.envelopes = new ArrayDeque<>(capacity);
    }

    /** Starts empty at {@code seq}: what came before it was never held. */
    void startAt(long seq) {
        envelopes.clear();
        forgottenThrough = seq;
    }

    /** Appends a delivered envelope (sequences rise). */
    void add(Envelope envelope) {
        if (envelopes.size() == capacity) {
            forgottenThrough = envelopes.removeFirst().seq();
        }
        envelopes.addLast(envelope);
    }

    /** Every delivered envelope after {@code seq}, oldest first; null if some of them are no longer held. */
    List<Envelope> since(long seq) {
        if (seq < forgottenThrough) {
            return null;
        }
        List<Envelope> newer = new ArrayList<>();
        Iterator<Envelope> newestFirst = envelopes.descendingIterator();
        while (newestFirst.hasNext()) {
            Envelope envelope = newestFirst.next();
            if (envelope.seq() <= seq) {
                break;
            }
            newer.add(envelope);
        }
        java.util.Collections.reverse(newer);
        return newer;
    }

    /** Every envelope held, oldest first. */
    List<Envelope> all() {
        return new ArrayList<>(envelopes);
    }
}
