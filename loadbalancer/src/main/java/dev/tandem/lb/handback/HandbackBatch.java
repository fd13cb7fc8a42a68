package dev.tandem.lb.handback;

import dev.tandem.lb.backend.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping of one handback to one backend: how many of its tunnels have had their turn, how many were
 * closed, when the last close happened, and the one log line when the last turn is done
 * ({@code handback to s1: 20 tunnels over 1905 ms}). Also keeps the backend's pending and handed-back counters.
 * <p>
 * Threads: created on the health checker's loop; {@link #done} is called once per tunnel, on that tunnel's
 * event loop, so every mutable field is atomic and the last caller (the one that counts {@code left} down to
 * zero) writes the log line.
 */
final class HandbackBatch {
    private static final Logger log = LoggerFactory.getLogger(HandbackBatch.class);

    private final Backend to;
    private final int size;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger left;
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicLong lastCloseNanos = new AtomicLong(startNanos);

    HandbackBatch(Backend to, int size) {
        this.to = to;
        this.size = size;
        this.left = new AtomicInteger(size);
        to.handbackScheduled(size);
    }

    /** One tunnel's turn came: {@code wasClosed} if it was closed, false if it was skipped. */
    void done(boolean wasClosed) {
        to.handbackDone(wasClosed);
        if (wasClosed) {
            closed.incrementAndGet();
            lastCloseNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
        if (left.decrementAndGet() == 0) {
            long ms = TimeUnit.NANOSECONDS.toMillis(lastCloseNanos.get() - startNanos);
            int skipped = size - closed.get();
            if (skipped == 0) {
                log.info("handback to {}: {} tunnels over {} ms", to.id(), closed.get(), ms);
            } else {
                log.info("handback to {}: {} tunnels over {} ms ({} of {} skipped: closed meanwhile, or their key "
                        + "no longer maps to {})", to.id(), closed.get(), ms, skipped, size, to.id());
            }
        }
    }
}
