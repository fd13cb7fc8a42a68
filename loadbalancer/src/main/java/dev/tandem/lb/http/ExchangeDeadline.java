package dev.tandem.lb.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The idle timer of a client connection's current exchange ({@code --response-timeout-ms}: HAProxy's
 * {@code timeout server} and {@code timeout client} folded into one idle time). It measures the silence since
 * {@link Exchange#lastProgressNanos()}. Progress only stamps that time; when the timer fires early it re-arms
 * itself for the rest of the period, so a streaming exchange schedules one task per idle period, not one per
 * chunk. While the exchange is connecting the connect timeout governs instead (the handler restarts the idle
 * clock when the connection opens). What a silent exchange gets (504, 408, or a close) is {@link #verdict};
 * the {@link Expiry} callback carries it out.
 * <p>
 * Threads: one instance per client connection, owned by that connection's event loop. {@link #start},
 * {@link #cancel} and the timer task all run on it, so the fields need no locks.
 */
final class ExchangeDeadline {

    /** Called on the connection's event loop when {@code ex} has made no progress for the whole idle time. */
    interface Expiry {
        void expired(Exchange ex);
    }

    /** What a silent exchange gets. */
    enum Verdict {
        /** The answer has started (or the proxy answered itself): nothing honest is left to send, close both. */
        CLOSE,
        /** The client stopped sending its body before any answer: 408. */
        REQUEST_TIMEOUT,
        /** The backend has not started its answer (or stopped taking the body): 504. */
        GATEWAY_TIMEOUT
    }

    private final EventExecutor executor;
    private final long idleNanos;
    private final Expiry onExpired;
    private final Runnable check = this::check;
    /** The pending timer task, or null; it belongs to {@link #exchange} and no other exchange. */
    private ScheduledFuture<?> task;
    private Exchange exchange;

    ExchangeDeadline(EventExecutor executor, long idleNanos, Expiry onExpired) {
        this.executor = executor;
        this.idleNanos = idleNanos;
        this.onExpired = onExpired;
    }

    /** Starts the clock for a new exchange (replacing any earlier exchange's timer). */
    void start(Exchange ex) {
        cancel();
        exchange = ex;
        ex.progress();
        task = executor.schedule(check, idleNanos, TimeUnit.NANOSECONDS);
    }

    /** The exchange ended, was spliced into a tunnel, or its connection closed. */
    void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        exchange = null;
    }

    /**
     * The verdict on {@code ex}, silent for the whole idle time; {@code backendStalled}: the backend connection
     * stopped taking the request body (it is not writable).
     */
    static Verdict verdict(Exchange ex, boolean backendStalled) {
        if (ex.responseStarted()) {
            return Verdict.CLOSE;
        }
        // While the body is still coming, silence is the client's fault unless the backend stopped taking it.
        if (!ex.requestDone() && !backendStalled) {
            return Verdict.REQUEST_TIMEOUT;
        }
        return Verdict.GATEWAY_TIMEOUT;
    }

    private void check() {
        task = null;
        Exchange ex = exchange;
        if (ex == null) {
            return; // cancelled just as it fired
        }
        long left = ex.state() == Exchange.State.CONNECTING
                ? idleNanos // the connect timeout governs this phase; the handler restarts the idle clock after it
                : idleNanos - (System.nanoTime() - ex.lastProgressNanos());
        if (left > 0) {
            task = executor.schedule(check, left, TimeUnit.NANOSECONDS);
            return;
        }
        exchange = null;
        onExpired.expired(ex);
    }
}
