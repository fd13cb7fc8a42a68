package dev.tandem.server.relay;

import dev.tandem.server.window.Broadcaster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay's delivery thread and what it owns: the last sequence delivered, the recent envelopes, the local
 * membership, and the work waiting for delivery to reach a sequence (a sign-in whose snapshot is a little
 * ahead, a reload of rooms).
 * <p>Threads: {@link #execute} and {@link #schedule} may be called from any thread; every other method only
 * on the "chat-delivery" thread itself.
 */
final class Delivery implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-delivery");
        t.setDaemon(true);
        return t;
    });
    final LocalMembers members;
    final RecentRelay recent = new RecentRelay(RelayFeed.RECENT);
    private final List<Waiting> waiting = new ArrayList<>();
    /** -1 until the first subscription. */
    private long lastDelivered = -1;

    private record Waiting(long at, Runnable task) {
    }

    Delivery(Broadcaster hub) {
        this.members = new LocalMembers(hub);
    }

    void execute(Runnable task) {
        thread.execute(task);
    }

    void schedule(Runnable task, long millis) {
        thread.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    long lastDelivered() {
        return lastDelivered;
    }

    boolean started() {
        return lastDelivered >= 0;
    }

    /** The first subscription: delivery starts after {@code seq}. */
    void startAt(long seq) {
        lastDelivered = seq;
        recent.startAt(seq);
        runWaiting();
    }

    /** Delivers one envelope (the next in order) to the local members it is for. */
    void relay(Envelope envelope) {
        members.deliver(envelope);
        recent.add(envelope);
        lastDelivered = envelope.seq();
        if (!waiting.isEmpty()) {
            runWaiting();
        }
    }

    /** Runs {@code task} now if delivery has reached {@code seq}, else as soon as it does. */
    void at(long seq, Runnable task) {
        if (seq <= lastDelivered) {
            task.run();
        } else {
            waiting.add(new Waiting(seq, task));
        }
    }

    private void runWaiting() {
        List<Waiting> due = new ArrayList<>();
        waiting.removeIf(w -> w.at() <= lastDelivered && due.add(w));
        due.forEach(w -> w.task().run());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
