package dev.tandem.client.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnects: the n-th wait is drawn from [½·d, d] where
 * d = min(max, initial·2ⁿ). The jitter spreads the reconnects of many clients after a server restart;
 * the lower bound keeps every wait long enough to show a countdown. Owned by the connection thread.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempts;

    /**
     * @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}; tests pass fixed ones
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** 1 s doubling up to 30 s. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before the next attempt; each call counts one attempt. */
    public Duration next() {
        long ceiling = initial.toMillis() << Math.min(attempts, 20);
        long capped = Math.min(max.toMillis(), ceiling);
        attempts++;
        double factor = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(Math.round(capped * factor));
    }

    /** Attempts counted since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** After a successful connection the next loss starts from the initial wait again. */
    public void reset() {
        attempts = 0;
    }
}
