package dev.tandem.lb.config;

import java.time.Duration;

/**
 * How long and how large one client's exchange with a backend may be, and how long open ones get on shutdown.
 *
 * @param headTimeout     a request head must be complete within this time (slowloris guard)
 * @param responseTimeout once a head is in, the longest an exchange may make no progress: a backend that has
 *                        not started its response this long after the request was sent (504), a response or a
 *                        request body that pauses this long (closed, or 408 before any answer). Not applied
 *                        to spliced WebSocket tunnels
 * @param connectTimeout  connecting to a backend longer than this counts as a refused connection
 * @param drainTimeout    on shutdown, how long open requests may finish before every connection is closed
 * @param maxHeadLine     longest request line in bytes (longer: 414)
 * @param maxHeaderBytes  largest header block in bytes (larger: 431)
 */
public record ExchangeLimits(Duration headTimeout, Duration responseTimeout, Duration connectTimeout,
                             Duration drainTimeout, int maxHeadLine, int maxHeaderBytes) {
    /** HAProxy's usual {@code timeout server}: far above any answer the app gives, short enough to free a hung one. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final ExchangeLimits DEFAULTS = new ExchangeLimits(Duration.ofSeconds(10), DEFAULT_RESPONSE_TIMEOUT,
            Duration.ofSeconds(2), Duration.ofSeconds(10), 8192, 8192);

    public ExchangeLimits {
        positive("head timeout", headTimeout);
        positive("response timeout", responseTimeout);
        positive("connect timeout", connectTimeout);
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new ConfigException("drain time must be zero or more");
        }
        if (maxHeadLine < 256 || maxHeaderBytes < 256) {
            throw new ConfigException("head limits must be at least 256 bytes");
        }
    }

    public ExchangeLimits withHeadTimeout(Duration timeout) {
        return new ExchangeLimits(timeout, responseTimeout, connectTimeout, drainTimeout, maxHeadLine, maxHeaderBytes);
    }

    public ExchangeLimits withResponseTimeout(Duration timeout) {
        return new ExchangeLimits(headTimeout, timeout, connectTimeout, drainTimeout, maxHeadLine, maxHeaderBytes);
    }

    public ExchangeLimits withDrainTimeout(Duration timeout) {
        return new ExchangeLimits(headTimeout, responseTimeout, connectTimeout, timeout, maxHeadLine, maxHeaderBytes);
    }

    static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(what + " must be positive");
        }
    }
}
