package dev.tandem.client.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket that keeps the client under the server's messages-per-second limit, so a burst of
 * clicks is spread out instead of being answered with {@code rate_limited}. Owned by the connection thread.
 */
final class SendPacer {
    private double capacity;
    private double perSecond;
    private double tokens;
    private Instant last;

    SendPacer(int perSecond, Instant now) {
        reset(perSecond, now);
    }

    /** Starts over with a (possibly new) rate, e.g. the one a welcome announces; the bucket starts full. */
    void reset(int newPerSecond, Instant now) {
        perSecond = Math.max(1, newPerSecond);
        capacity = perSecond;
        tokens = capacity;
        last = now;
    }

    /** Takes one token if there is one. */
    boolean tryTake(Instant now) {
        refill(now);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** How long until one token is there. */
    Duration untilNext(Instant now) {
        refill(now);
        if (tokens >= 1.0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1.0 - tokens) * 1000.0 / perSecond));
    }

    private void refill(Instant now) {
        double seconds = Math.max(0, Duration.between(last, now).toNanos()) / 1e9;
        tokens = Math.min(capacity, tokens + seconds * perSecond);
        last = now;
    }
}
