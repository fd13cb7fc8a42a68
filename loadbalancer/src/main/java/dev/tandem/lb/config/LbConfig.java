package dev.tandem.lb.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the proxy needs to run. Immutable; tests derive variants with the {@code with...} methods.
 *
 * @param host            address to listen on
 * @param port            port to listen on (0 = any free port, for tests)
 * @param backends        the app servers, in a stable order (status lists them in this order)
 * @param healthPath      path of the active health check ({@code GET}), 2xx = healthy
 * @param healthInterval  time between the end of one check of a backend and the start of the next
 * @param healthTimeout   a check that has not answered within this time failed
 * @param fall            consecutive failed checks that mark a healthy backend down
 * @param rise            consecutive good checks that mark a down backend up
 * @param tunnelCloseGrace when a backend is marked down only because its checks timed out, how long its open
 *                        tunnels are kept in case it comes back up (zero: close them at once, like a hard failure)
 * @param headTimeout     a request head must be complete within this time (slowloris guard)
 * @param responseTimeout once a head is in, the longest an exchange may make no progress: a backend that has
 *                        not started its response this long after the request was sent (504), a response or a
 *                        request body that pauses this long (closed, or 408 before any answer). Not applied
 *                        to spliced WebSocket tunnels
 * @param connectTimeout  connecting to a backend longer than this counts as a refused connection
 * @param drainTimeout    on shutdown, how long open requests may finish before every connection is closed
 * @param maxHeadLine     longest request line in bytes (longer: 414)
 * @param maxHeaderBytes  largest header block in bytes (larger: 431)
 * @param affinityCookie  name of the cookie the proxy sets for requests that carry no key
 * @param ioThreads       event loop threads for connections (0 = Netty's default, twice the cores)
 * @param handback        when a down backend is up again, close the tunnels on other backends whose keys now map
 *                        to it, so their clients reconnect to it
 * @param handbackSpread  the time those closes are spread over (zero: all at once)
 */
public record LbConfig(String host, int port, List<BackendSpec> backends, String healthPath,
                       Duration healthInterval, Duration healthTimeout, int fall, int rise,
                       Duration tunnelCloseGrace, Duration headTimeout, Duration responseTimeout, Duration connectTimeout,
                       Duration drainTimeout,
                       int maxHeadLine, int maxHeaderBytes, String affinityCookie, int ioThreads,
                       boolean handback, Duration handbackSpread) {

    public static final String DEFAULT_COOKIE = "TANDEM_AFFINITY";
    /**
     * Twice the default interval: a server that is merely slow on a loaded machine (GC, a burst of sign-ins)
     * should not fail its check, and a dead one is found quickly anyway because it refuses or resets.
     */
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** Long enough for a backend whose checks merely timed out to pass {@code rise} checks and be up again. */
    public static final Duration DEFAULT_TUNNEL_CLOSE_GRACE = Duration.ofSeconds(5);
    /** HAProxy's usual {@code timeout server}: far above any answer the app gives, short enough to free a hung one. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Long enough that thousands of reconnects arrive as a stream, short enough that users are back in seconds. */
    public static final Duration DEFAULT_HANDBACK_SPREAD = Duration.ofSeconds(2);

    public LbConfig {
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new ConfigException("at least one backend is required (--backend id=http://host:port)");
        }
        Set<String> ids = backends.stream().map(BackendSpec::id).collect(Collectors.toSet());
        if (ids.size() != backends.size()) {
            throw new ConfigException("backend ids must be unique: " + backends.stream().map(BackendSpec::id).toList());
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("port " + port + " is not in 0..65535");
        }
        if (healthPath == null || !healthPath.startsWith("/")) {
            throw new ConfigException("health path must start with '/': " + healthPath);
        }
        positive("health interval", healthInterval);
        positive("health timeout", healthTimeout);
        positive("head timeout", headTimeout);
        positive("response timeout", responseTimeout);
        positive("connect timeout", connectTimeout);
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new ConfigException("drain time must be zero or more");
        }
        if (tunnelCloseGrace == null || tunnelCloseGrace.isNegative()) {
            throw new ConfigException("tunnel close grace must be zero or more");
        }
        if (fall < 1 || rise < 1) {
            throw new ConfigException("fall and rise must be at least 1 (got fall=" + fall + ", rise=" + rise + ")");
        }
        if (maxHeadLine < 256 || maxHeaderBytes < 256) {
            throw new ConfigException("head limits must be at least 256 bytes");
        }
        if (affinityCookie == null || !affinityCookie.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("cookie name must be 1-64 of [A-Za-z0-9_-]: " + affinityCookie);
        }
        if (ioThreads < 0) {
            throw new ConfigException("io threads must be zero (default) or more");
        }
        if (handbackSpread == null || handbackSpread.isNegative()) {
            throw new ConfigException("handback spread must be zero or more");
        }
    }

    /** The documented defaults (the ones the issue asks for) for the given backends. */
    public static LbConfig defaults(List<BackendSpec> backends) {
        return new LbConfig("0.0.0.0", 8080, backends, "/health",
                Duration.ofSeconds(1), DEFAULT_HEALTH_TIMEOUT, 2, 2, DEFAULT_TUNNEL_CLOSE_GRACE,
                Duration.ofSeconds(10), DEFAULT_RESPONSE_TIMEOUT, Duration.ofSeconds(2), Duration.ofSeconds(10),
                8192, 8192, DEFAULT_COOKIE, 0, true, DEFAULT_HANDBACK_SPREAD);
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(what + " must be positive");
        }
    }

    public LbConfig withListen(String newHost, int newPort) {
        return new LbConfig(newHost, newPort, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                tunnelCloseGrace, headTimeout, responseTimeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withHealth(Duration interval, Duration timeout, int newFall, int newRise) {
        return new LbConfig(host, port, backends, healthPath, interval, timeout, newFall, newRise,
                tunnelCloseGrace, headTimeout, responseTimeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withHeadTimeout(Duration timeout) {
        return new LbConfig(host, port, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                tunnelCloseGrace, timeout, responseTimeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withDrainTimeout(Duration timeout) {
        return new LbConfig(host, port, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                tunnelCloseGrace, headTimeout, responseTimeout, connectTimeout, timeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withTunnelCloseGrace(Duration grace) {
        return new LbConfig(host, port, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                grace, headTimeout, responseTimeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withResponseTimeout(Duration timeout) {
        return new LbConfig(host, port, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                tunnelCloseGrace, headTimeout, timeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, handback, handbackSpread);
    }

    public LbConfig withHandback(boolean enabled, Duration spread) {
        return new LbConfig(host, port, backends, healthPath, healthInterval, healthTimeout, fall, rise,
                tunnelCloseGrace, headTimeout, responseTimeout, connectTimeout, drainTimeout,
                maxHeadLine, maxHeaderBytes, affinityCookie, ioThreads, enabled, spread);
    }
}
