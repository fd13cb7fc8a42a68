package dev.tandem.lb.handback;

/**
 * When each tunnel of a handback is closed: evenly over the spread, the first at once and the last one step
 * before the spread ends ({@code index × spread / count}). With a spread of zero they all go at once.
 * Pure arithmetic; no state.
 */
final class HandbackSchedule {
    private HandbackSchedule() {
    }

    /** Delay in nanoseconds, from the start of the handback, of tunnel {@code index} of {@code count}. */
    static long delayNanos(int index, int count, long spreadNanos) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("index " + index + " not in 0.." + (count - 1));
        }
        if (spreadNanos <= 0 || count == 1) {
            return 0;
        }
        // In double: index x spread can overflow a long for very long spreads and huge batches.
        return (long) ((double) spreadNanos * index / count);
    }
}
