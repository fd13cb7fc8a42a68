package dev.tandem.client.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * The connection's own thread of control: every task runs on one thread, one at a time, so the
 * {@link ConnectionService}'s state needs no locks. Production uses {@link ExecutorScheduler}; unit tests
 * drive a manual scheduler with a virtual clock.
 */
public interface Scheduler {

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the scheduler's thread after {@code delay}; the handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** The scheduler's clock. */
    Instant now();

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        /** Stops the task from running if it has not started; harmless otherwise. */
        void cancel();
    }
}
