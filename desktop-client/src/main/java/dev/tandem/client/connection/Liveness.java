package dev.tandem.client.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells a live link from one that stopped answering, quickly and honestly. Every request that the server
 * must answer (a command, a ping) starts a clock unless one runs already; any frame from the server stops
 * it. A clock that runs {@link #NOT_RESPONDING_AFTER} says "not responding" at once (a frozen server
 * otherwise shows "Connected" while a message sits on "Sending…"); one that runs {@link #DEAD_AFTER} ends
 * the link so that the reconnect can find a server that answers. While nothing is asked, a ping every
 * interval keeps asking.
 *
 * <p>Threads: owned by the connection thread (the scheduler's); callbacks run there.
 */
final class Liveness {
    /** An unanswered request older than this turns the status to "not responding". */
    static final Duration NOT_RESPONDING_AFTER = Duration.ofSeconds(3);
    /** An unanswered request older than this ends the link. */
    static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    /** What the connection does about it. */
    interface Signals {
        /** Send a ping now (it counts as a request). */
        void ping();

        /** The server stopped answering ({@code true}), or answers again ({@code false}). */
        void responding(boolean responding);

        /** No answer for {@link #DEAD_AFTER}: drop the link. */
        void dead();
    }

    private final Scheduler scheduler;
    private final Duration pingInterval;
    private final Signals signals;
    private Instant waitingSince;
    private boolean silent;
    private Scheduler.Cancellable pingTimer;
    private Scheduler.Cancellable answerTimer;

    Liveness(Scheduler scheduler, Duration pingInterval, Signals signals) {
        this.scheduler = scheduler;
        this.pingInterval = pingInterval;
        this.signals = signals;
    }

    /** A link went live (welcomed). */
    void start() {
        stop();
        armPing();
    }

    /** The link is gone or given up. */
    void stop() {
        cancel(pingTimer);
        cancel(answerTimer);
        pingTimer = null;
        answerTimer = null;
        waitingSince = null;
        silent = false;
    }

    /** A request that must be answered went out. */
    void asked() {
        if (waitingSince != null) {
            return; // the older request's clock is the one that counts
        }
        waitingSince = scheduler.now();
        answerTimer = scheduler.schedule(NOT_RESPONDING_AFTER, this::checkAnswer);
    }

    /** A frame arrived: the server is there. */
    void heard() {
        waitingSince = null;
        cancel(answerTimer);
        answerTimer = null;
        if (silent) {
            silent = false;
            signals.responding(true);
        }
        armPing();
    }

    private void checkAnswer() {
        answerTimer = null;
        if (waitingSince == null) {
            return;
        }
        Duration waited = Duration.between(waitingSince, scheduler.now());
        if (waited.compareTo(DEAD_AFTER) >= 0) {
            stop();
            signals.dead();
            return;
        }
        if (!silent) {
            silent = true;
            signals.responding(false);
        }
        answerTimer = scheduler.schedule(DEAD_AFTER.minus(waited), this::checkAnswer);
    }

    private void armPing() {
        cancel(pingTimer);
        pingTimer = scheduler.schedule(pingInterval, () -> {
            pingTimer = null;
            signals.ping();
            armPing();
        });
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
