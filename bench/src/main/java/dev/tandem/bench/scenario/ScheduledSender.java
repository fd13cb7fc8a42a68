package dev.tandem.bench.scenario;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * One sender's open-loop schedule: message {@code seq} is due at {@code start + phase + seq × interval},
 * whatever the sender managed before, and the range of sequence numbers that fell in the measured window.
 * Owned by the sender's client's event loop; read by others after a barrier on it.
 */
final class ScheduledSender {
    final int id;
    final BenchClient client;
    final long startNanos;
    final double intervalNanos;
    final double phaseNanos;
    long nextSeq;
    long firstMeasured = -1;
    long lastMeasured = -1;
    ScheduledFuture<?> task;

    ScheduledSender(int id, BenchClient client, long startNanos, double intervalNanos, double phaseNanos) {
        this.id = id;
        this.client = client;
        this.startNanos = startNanos;
        this.intervalNanos = intervalNanos;
        this.phaseNanos = phaseNanos;
    }

    long dueNanos(long seq) {
        return startNanos + (long) (phaseNanos + seq * intervalNanos);
    }

    /** Notes that {@code seq} was due at {@code due}: counted if the window [from, to) holds it. */
    void noteDue(long seq, long due, long windowStart) {
        if (due >= windowStart) {
            if (firstMeasured < 0) {
                firstMeasured = seq;
            }
            lastMeasured = seq;
        }
    }

    long measuredCount() {
        return firstMeasured < 0 ? 0 : lastMeasured - firstMeasured + 1;
    }
}
