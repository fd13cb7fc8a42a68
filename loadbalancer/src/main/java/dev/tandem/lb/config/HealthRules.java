package dev.tandem.lb.config;

import java.time.Duration;

/**
 * How backends are checked, and what a failed check does to their open tunnels.
 *
 * @param path             path of the active health check ({@code GET}), 2xx = healthy
 * @param interval         time between the end of one check of a backend and the start of the next
 * @param timeout          a check that has not answered within this time failed
 * @param fall             consecutive failed checks that mark a healthy backend down
 * @param rise             consecutive good checks that mark a down backend up
 * @param tunnelCloseGrace when a backend is marked down only because its checks timed out, how long its open
 *                         tunnels are kept in case it comes back up (zero: close them at once, like a hard failure)
 */
public record HealthRules(String path, Duration interval, Duration timeout, int fall, int rise,
                          Duration tunnelCloseGrace) {
    /**
     * Twice the default interval: a server that is merely slow on a loaded machine (GC, a burst of sign-ins)
     * should not fail its check, and a dead one is found quickly anyway because it refuses or resets.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Long enough for a backend whose checks merely timed out to pass {@code rise} checks and be up again. */
    public static final Duration DEFAULT_TUNNEL_CLOSE_GRACE = Duration.ofSeconds(5);
    public static final HealthRules DEFAULTS = new HealthRules("/health", Duration.ofSeconds(1), DEFAULT_TIMEOUT,
            2, 2, DEFAULT_TUNNEL_CLOSE_GRACE);

    public HealthRules {
        if (path == null || !path.startsWith("/")) {
            throw new ConfigException("health path must start with '/': " + path);
        }
        ExchangeLimits.positive("health interval", interval);
        ExchangeLimits.positive("health timeout", timeout);
        if (tunnelCloseGrace == null || tunnelCloseGrace.isNegative()) {
            throw new ConfigException("tunnel close grace must be zero or more");
        }
        if (fall < 1 || rise < 1) {
            throw new ConfigException("fall and rise must be at least 1 (got fall=" + fall + ", rise=" + rise + ")");
        }
    }

    public HealthRules withChecks(Duration newInterval, Duration newTimeout, int newFall, int newRise) {
        return new HealthRules(path, newInterval, newTimeout, newFall, newRise, tunnelCloseGrace);
    }

    public HealthRules withTunnelCloseGrace(Duration grace) {
        return new HealthRules(path, interval, timeout, fall, rise, grace);
    }
}
