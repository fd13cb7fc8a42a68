package dev.tandem.server.limits;

/**
 * A token bucket's shape: {@code perSecond} tokens a second, holding at most {@code burst}.
 *
 * @param perSecond sustained rate (may be below 1: 0.01 is one an hour and 40 seconds)
 * @param burst     tokens a fresh bucket holds
 */
public record Rate(double perSecond, int burst) {
    public Rate {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1, not " + perSecond + "/" + burst);
        }
    }

    /** {@code count} per hour, all of them at once if wanted. */
    public static Rate perHour(int count) {
        return new Rate(count / 3600.0, count);
    }

    /** For tests: so high that nothing real reaches it. */
    public static Rate unlimited() {
        return new Rate(1_000_000, 1_000_000);
    }
}
