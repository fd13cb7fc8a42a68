package dev.tandem.client.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a virtual clock for unit tests: nothing runs until the test calls
 * {@link #runReady()} or {@link #advance(Duration)}, and time moves only when the test says so.
 * Single-threaded: the test thread plays the connection thread.
 */
public final class ManualScheduler implements Scheduler {
    private record Task(Instant due, long order, Runnable body, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::order));
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private long order;

    @Override
    public void execute(Runnable task) {
        queue.add(new Task(now, order++, task, new boolean[1]));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Task(now.plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Runs every task that is due now, including those they queue for now. */
    public void runReady() {
        while (!queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            Task task = queue.poll();
            if (!task.cancelled()[0]) {
                task.body().run();
            }
        }
    }

    /** Moves the clock forward, running each task at its due time. */
    public void advance(Duration by) {
        Instant until = now.plus(by);
        runReady();
        while (!queue.isEmpty() && !queue.peek().due().isAfter(until)) {
            Task next = queue.peek();
            now = next.due();
            runReady();
        }
        now = until;
        runReady();
    }

    /** The delay until the next live task, or null if nothing is scheduled. */
    public Duration nextDelay() {
        return queue.stream().filter(t -> !t.cancelled()[0]).map(Task::due).min(Comparator.naturalOrder())
                .map(due -> Duration.between(now, due)).orElse(null);
    }
}
