package dev.tandem.lb.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the proxy needs to run, grouped by who reads it. Immutable; tests derive variants from
 * {@link #defaults} with the {@code with...} methods.
 *
 * @param listen         where connections are accepted
 * @param backends       the app servers, in a stable order (status lists them in this order)
 * @param health         active checks and what a failed one does to tunnels
 * @param limits         timeouts and size limits of one exchange, and the drain on shutdown
 * @param handback       whether a backend up again gets its users' tunnels back
 * @param affinityCookie name of the cookie the proxy sets for requests that carry no key
 */
public record LbConfig(Listen listen, List<BackendSpec> backends, HealthRules health, ExchangeLimits limits,
                       HandbackRules handback, String affinityCookie) {

    public static final String DEFAULT_COOKIE = "TANDEM_AFFINITY";

    public LbConfig {
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new ConfigException("at least one backend is required (--backend id=http://host:port)");
        }
        Set<String> ids = backends.stream().map(BackendSpec::id).collect(Collectors.toSet());
        if (ids.size() != backends.size()) {
            throw new ConfigException("backend ids must be unique: " + backends.stream().map(BackendSpec::id).toList());
        }
        if (affinityCookie == null || !affinityCookie.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("cookie name must be 1-64 of [A-Za-z0-9_-]: " + affinityCookie);
        }
    }

    /** The documented defaults (those of --help) for the given backends. */
    public static LbConfig defaults(List<BackendSpec> backends) {
        return new LbConfig(Listen.DEFAULTS, backends, HealthRules.DEFAULTS, ExchangeLimits.DEFAULTS,
                HandbackRules.DEFAULTS, DEFAULT_COOKIE);
    }

    public LbConfig withListen(String newHost, int newPort) {
        return new LbConfig(listen.withAddress(newHost, newPort), backends, health, limits, handback, affinityCookie);
    }

    public LbConfig withHealth(HealthRules rules) {
        return new LbConfig(listen, backends, rules, limits, handback, affinityCookie);
    }

    /** The checks' interval, timeout, fall and rise; path and grace stay. */
    public LbConfig withHealth(Duration interval, Duration timeout, int fall, int rise) {
        return withHealth(health.withChecks(interval, timeout, fall, rise));
    }

    public LbConfig withTunnelCloseGrace(Duration grace) {
        return withHealth(health.withTunnelCloseGrace(grace));
    }

    public LbConfig withLimits(ExchangeLimits newLimits) {
        return new LbConfig(listen, backends, health, newLimits, handback, affinityCookie);
    }

    public LbConfig withHeadTimeout(Duration timeout) {
        return withLimits(limits.withHeadTimeout(timeout));
    }

    public LbConfig withResponseTimeout(Duration timeout) {
        return withLimits(limits.withResponseTimeout(timeout));
    }

    public LbConfig withDrainTimeout(Duration timeout) {
        return withLimits(limits.withDrainTimeout(timeout));
    }

    public LbConfig withHandback(boolean enabled, Duration spread) {
        return new LbConfig(listen, backends, health, limits, new HandbackRules(enabled, spread), affinityCookie);
    }
}
