package dev.tandem.server.ws;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One window's frames on their way out, in order: those waiting here and those handed to Jetty but not yet
 * written. Their bytes count against the window's limit, whatever kind of frame they are (chat deliveries,
 * todo pushes, replies): a frame that would take the window past it is refused, and the window is too slow
 * and takes nothing more. Bytes, not frames, because frames differ by four orders of magnitude (a 100-byte
 * typing frame, a 250 KB {@code todo.changed} of a 1,000-item list toggled at once): a limit in frames that
 * let chat through would let todo pushes hold gigabytes. A frame larger than the limit is still taken when
 * nothing else is pending, so no legal frame can cut a window that reads.
 * Only {@link #IN_JETTY} frames at a time are handed to Jetty, so a window that does not read costs its
 * shard nothing but keeping references to frames that are usually shared with other windows anyway.
 * <p>Threads: thread-safe (its own lock). Any thread offers frames; only the window's shard takes them
 * ({@link #take}, {@link #stillReady}); Jetty's threads report written frames ({@link #done}). The
 * {@code scheduled} flag is what keeps a window in its shard's ready ring at most once: set by whoever finds
 * it idle with work to do (that caller wakes the shard), cleared only by the shard.
 */
final class Outbox {
    /** Frames handed to Jetty at once, per window: enough to keep a socket busy, few enough to stay cheap. */
    static final int IN_JETTY = 64;

    /** What an offer came to. */
    enum Offer {
        /** Queued; the shard already knows the window has work. */
        QUEUED,
        /** Queued; the caller must wake the shard for this window. */
        WAKE,
        /** Over the limit: nothing queued, the window must be dropped as too slow. */
        FULL,
        /** Closing or closed: nothing queued. */
        CLOSED
    }

    /** Bytes that may be pending (waiting here and in Jetty) at once. */
    private final long limit;
    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private int inJetty;
    /** Bytes of the frames waiting here, and of those handed to Jetty and not yet reported done. */
    private long waitingBytes;
    private long inJettyBytes;
    private boolean scheduled;
    /** Takes no more frames (closing, dropped or closed). */
    private boolean sealed;
    /** A close was asked for; it goes out after the frames queued before it. */
    private boolean closeAsked;
    private boolean closeTaken;

    /** An outbox that lets at most {@code limitBytes} bytes be pending. */
    Outbox(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("the pending-bytes limit must be positive: " + limitBytes);
        }
        this.limit = limitBytes;
    }

    synchronized Offer offer(ByteBuffer frame) {
        if (sealed) {
            return Offer.CLOSED;
        }
        long size = frame.remaining();
        long pending = waitingBytes + inJettyBytes;
        if (pending > 0 && pending + size > limit) {
            sealed = true;
            discardWaiting();
            return Offer.FULL;
        }
        frames.add(frame);
        waitingBytes += size;
        return wakeIfIdle();
    }

    /** No more frames after those queued; then the close. WAKE if the shard must be woken to get to it. */
    synchronized Offer closeAfterQueued() {
        if (sealed) {
            return Offer.CLOSED;
        }
        sealed = true;
        closeAsked = true;
        if (!scheduled) {
            scheduled = true;
            return Offer.WAKE;
        }
        return Offer.QUEUED;
    }

    /** Shard: moves up to {@code into.length} frames into {@code into}, counted as in Jetty from now on. */
    synchronized int take(ByteBuffer[] into) {
        int n = Math.min(into.length, Math.min(IN_JETTY - inJetty, frames.size()));
        for (int i = 0; i < n; i++) {
            ByteBuffer frame = frames.poll();
            into[i] = frame;
            waitingBytes -= frame.remaining();
            inJettyBytes += frame.remaining();
        }
        inJetty += n;
        return n;
    }

    /** Shard: true (once) when the close asked for is due: every frame before it has been handed over. */
    synchronized boolean closeDue() {
        if (closeAsked && !closeTaken && frames.isEmpty()) {
            closeTaken = true;
            return true;
        }
        return false;
    }

    /** Shard, after a turn: true if the window stays in the ready ring; else it is no longer scheduled. */
    synchronized boolean stillReady() {
        if (!frames.isEmpty() && inJetty < IN_JETTY) {
            return true;
        }
        scheduled = false;
        return false;
    }

    /**
     * Jetty finished a frame of {@code bytes} (written or failed); true if the caller must wake the shard for
     * the rest.
     */
    synchronized boolean done(int bytes) {
        inJetty--;
        inJettyBytes -= bytes;
        return !frames.isEmpty() && wakeIfIdle() == Offer.WAKE;
    }

    /** Frames not yet written: waiting here and in Jetty. */
    synchronized int pending() {
        return frames.size() + inJetty;
    }

    /** Bytes not yet written: waiting here and in Jetty. */
    synchronized long pendingBytes() {
        return waitingBytes + inJettyBytes;
    }

    /** The window is gone: frees what waits here. */
    synchronized void discard() {
        sealed = true;
        discardWaiting();
    }

    private void discardWaiting() {
        frames.clear();
        waitingBytes = 0;
    }

    private Offer wakeIfIdle() {
        if (!scheduled && inJetty < IN_JETTY) {
            scheduled = true;
            return Offer.WAKE;
        }
        return Offer.QUEUED;
    }
}
