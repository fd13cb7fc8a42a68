package dev.tandem.client.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Waits between reconnect attempts with {@link Backoff} (or exactly as long as the server said, after a
 * {@code rate_limited} resume), publishing a countdown ("Reconnecting in 3 s")
 * that changes once a second and never repeats, and starts the attempt when the wait is over or when the
 * user says "Retry now".
 *
 * <p>Threads: owned by the connection thread (the scheduler's); callbacks run there.
 */
final class Reconnector {
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Consumer<ConnectionStatus> publish;
    private final Runnable attempt;
    private Scheduler.Cancellable retryTimer;
    private Scheduler.Cancellable countdownTimer;
    private Instant retryAt;

    Reconnector(Scheduler scheduler, Backoff backoff, Consumer<ConnectionStatus> publish, Runnable attempt) {
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.publish = publish;
        this.attempt = attempt;
    }

    /** Arms the next attempt after the next backoff step. */
    void scheduleRetry() {
        cancel();
        arm(backoff.next());
    }

    /**
     * Arms the next attempt after exactly {@code wait}: the server said when it takes a resume again, so an
     * earlier attempt would only be refused too, and a later one waits for nothing. It still counts as an
     * attempt, so a failure after it backs off further.
     */
    void scheduleRetryAfter(Duration wait) {
        cancel();
        backoff.next();
        arm(wait);
    }

    private void arm(Duration wait) {
        retryAt = scheduler.now().plus(wait);
        retryTimer = scheduler.schedule(wait, this::fire);
        tick();
    }

    /** "Retry now": the attempt starts at once, if one is armed. Returns whether one was. */
    boolean retryNow() {
        if (retryTimer == null) {
            return false;
        }
        fire();
        return true;
    }

    /** Publishes "reconnecting, attempt under way". */
    void attempting() {
        publish.accept(new ConnectionStatus.Reconnecting(0, backoff.attempts()));
    }

    /** Connected again (or signed in afresh): the backoff starts over. */
    void reset() {
        cancel();
        backoff.reset();
    }

    void cancel() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        if (countdownTimer != null) {
            countdownTimer.cancel();
            countdownTimer = null;
        }
    }

    private void fire() {
        cancel();
        attempt.run();
    }

    /** Publishes "Reconnecting in n s" and re-arms itself for the moment n changes. */
    private void tick() {
        countdownTimer = null;
        if (retryTimer == null) {
            return;
        }
        long leftMs = Math.max(0, Duration.between(scheduler.now(), retryAt).toMillis());
        long seconds = Math.max(1, (leftMs + 999) / 1000);
        publish.accept(new ConnectionStatus.Reconnecting(seconds, backoff.attempts()));
        long untilChange = leftMs - (seconds - 1) * 1000;
        if (seconds > 1 && untilChange > 0) {
            countdownTimer = scheduler.schedule(Duration.ofMillis(untilChange), this::tick);
        }
    }
}
