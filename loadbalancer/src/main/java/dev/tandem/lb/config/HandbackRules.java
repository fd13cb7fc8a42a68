package dev.tandem.lb.config;

import java.time.Duration;

/**
 * Whether a backend that is up again gets back the users whose tunnels moved elsewhere while it was down.
 *
 * @param enabled when a down backend is up again, close the tunnels on other backends whose keys now map to it,
 *                so their clients reconnect to it
 * @param spread  the time those closes are spread over (zero: all at once)
 */
public record HandbackRules(boolean enabled, Duration spread) {
    /** Long enough that thousands of reconnects arrive as a stream, short enough that users are back in seconds. */
    public static final Duration DEFAULT_SPREAD = Duration.ofSeconds(2);
    public static final HandbackRules DEFAULTS = new HandbackRules(true, DEFAULT_SPREAD);

    public HandbackRules {
        if (spread == null || spread.isNegative()) {
            throw new ConfigException("handback spread must be zero or more");
        }
    }
}
