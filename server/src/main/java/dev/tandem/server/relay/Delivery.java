package dev.tandem.server.relay;

import dev.tandem.server.window.Broadcaster;
import dev.tandem.server.window.Window;
import java.util.ArrayDeque;
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
 * on the "chat-delivery" thread itself, which owns the envelopes kept back too.
 */
final class Delivery implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-delivery");
        t.setDaemon(true);
        return t;
    });
    final LocalMembers members;
    final RecentRelay recent = new RecentRelay(RelayFeed.RECENT);
    final EchoHolds holds;
    /**
     * Envelopes accepted in order but kept back behind one whose post is not yet known to be durable
     * ({@link EchoHolds}); always empty unless {@code --redis-min-replicas} is set.
     */
    private final ArrayDeque<Envelope> held = new ArrayDeque<>();
    private final List<Waiting> waiting = new ArrayList<>();
    /** -1 until the first subscription. */
    private long lastDelivered = -1;

    private record Waiting(long at, Runnable task) {
    }

    Delivery(Broadcaster hub, String serverId) {
        this.members = new LocalMembers(hub);
        this.holds = new EchoHolds(serverId, this);
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

    /** The last sequence taken in: delivered, or kept back to be delivered next. */
    long lastAccepted() {
        return held.isEmpty() ? lastDelivered : held.peekLast().seq();
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

    /**
     * Delivers one envelope (the next in order) to the local members it is for, or keeps it back, with all
     * after it, while it is a post of this server not yet known to be durable.
     */
    void relay(Envelope envelope) {
        if (!held.isEmpty() || isHeld(envelope)) {
            held.add(envelope);
            return;
        }
        deliverNow(envelope);
    }

    /** Delivers what was kept back, up to the next envelope still held. */
    void releaseHeld() {
        while (!held.isEmpty() && !isHeld(held.peekFirst())) {
            deliverNow(held.pollFirst());
        }
    }

    private boolean isHeld(Envelope envelope) {
        EchoHolds.Hold hold = holds.holdOn(envelope);
        return hold != null && EchoHolds.outcome(hold) == EchoHolds.Outcome.PENDING;
    }

    private void deliverNow(Envelope envelope) {
        EchoHolds.Hold hold = holds.holdOn(envelope);
        Window notAcknowledged = null;
        if (hold != null) {
            holds.forget(hold);
            if (EchoHolds.outcome(hold) == EchoHolds.Outcome.NOT_DURABLE) {
                notAcknowledged = hold.sender; // It is told "unavailable" instead, and resends.
            }
        }
        members.deliver(envelope, notAcknowledged);
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
